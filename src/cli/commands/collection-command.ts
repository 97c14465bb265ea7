import { openSearchEngine } from "../../app/open-search-engine.ts";
import { CollectionError, collectionNotFound } from "../../collections/collection-error.ts";
import type { CollectionStore } from "../../collections/collection-store.ts";
import { collectionView, currentPapers } from "../../collections/current-papers.ts";
import { findPapers, listIds } from "../../collections/find-papers.ts";
import type { PaperSource } from "../../collections/paper-source.ts";
import { collectionNameProblem } from "../../contract/collection-name.ts";
import { resolveSettings } from "../../settings/settings.ts";
import type { CliIo } from "../cli-io.ts";
import { openCollections } from "../open-collections.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { UsageError } from "../usage-error.ts";

type Action = (args: string[], context: ActionContext) => Promise<void> | void;

interface ActionContext {
  collections: CollectionStore;
  line: CommandLine;
  io: CliIo;
}

/** Each action with the arguments it takes. */
const USAGE: Record<string, string> = {
  list: "list",
  create: "create NAME",
  show: "show NAME",
  rename: "rename OLD NEW",
  delete: "delete NAME",
  add: "add NAME ID...",
  remove: "remove NAME ID",
};

function name(value: string | undefined, action: string): string {
  if (value === undefined) throw new UsageError(`collection ${USAGE[action]} needs a name.`);
  const problem = collectionNameProblem(value);
  if (problem) throw new UsageError(`A collection name ${problem}, got "${value}".`);
  return value;
}

function arity(args: string[], count: number, action: string): void {
  if (args.length !== count) {
    throw new UsageError(
      `collection ${USAGE[action]} takes ${count} argument(s), got ${args.length}.`,
    );
  }
}

/** Papers the index holds, by a store opened for the command (no model needed). */
async function withPapers<T>(
  line: CommandLine,
  io: CliIo,
  use: (source: PaperSource) => Promise<T>,
): Promise<T> {
  const settings = resolveSettings(io.env, line.overrides);
  const { engine } = await openSearchEngine({ settings, embed: false });
  try {
    return await use(engine.store);
  } finally {
    await engine.store.close();
  }
}

const print = (io: CliIo, text: string) => io.stdout.write(`${text}\n`);

const ACTIONS: Record<string, Action> = {
  list(args, { collections, line, io }) {
    arity(args, 0, "list");
    const list = collections.list();
    if (line.json) return void print(io, JSON.stringify({ collections: list }, null, 2));
    if (list.length === 0) {
      return void print(io, "No collections yet: paperchat collection create NAME");
    }
    for (const { name, papers } of list) {
      print(io, `${name} (${papers} paper${papers === 1 ? "" : "s"})`);
    }
  },
  create(args, { collections, io }) {
    arity(args, 1, "create");
    print(io, `Created "${collections.create(name(args[0], "create")).name}".`);
  },
  async show(args, { collections, line, io }) {
    arity(args, 1, "show");
    const stored = collections.get(name(args[0], "show"));
    if (!stored) throw collectionNotFound(args[0]!);
    const collection = collectionView(
      await withPapers(line, io, (source) => currentPapers(source, stored.papers)),
      stored,
    );
    if (line.json) return void print(io, JSON.stringify(collection, null, 2));
    print(io, `${collection.name}: ${collection.papers.length} papers`);
    collection.papers.forEach((paper, i) => {
      const missing = paper.missing ? " · missing from the index" : "";
      print(io, `${i + 1}. ${paper.title}\n   id ${paper.id}${missing}`);
    });
  },
  rename(args, { collections, io }) {
    arity(args, 2, "rename");
    const renamed = collections.rename(name(args[0], "rename"), name(args[1], "rename"));
    print(io, `Renamed "${args[0]}" to "${renamed.name}".`);
  },
  delete(args, { collections, io }) {
    arity(args, 1, "delete");
    collections.delete(name(args[0], "delete"));
    print(io, `Deleted "${args[0]}".`);
  },
  async add(args, { collections, line, io }) {
    const [first, ...ids] = args;
    const collection = name(first, "add");
    if (ids.length === 0) throw new UsageError(`collection ${USAGE.add} needs at least one id.`);
    if (!collections.has(collection)) throw collectionNotFound(collection);
    const { papers, unknown } = await withPapers(line, io, (source) => findPapers(source, ids));
    if (unknown.length > 0) {
      throw new CollectionError(
        "paper-not-found",
        `The index holds no paper with id ${listIds(unknown)}; nothing was added. Find ids with \`paperchat search\`.`,
      );
    }
    const change = collections.addPapers(
      collection,
      papers.map(({ id, title }) => ({ id, title })),
    );
    print(io, `Added ${change.added} paper(s) to "${collection}", which holds ${change.papers}.`);
  },
  remove(args, { collections, io }) {
    arity(args, 2, "remove");
    const collection = name(args[0], "remove");
    if (!collections.removePaper(collection, args[1]!)) {
      throw new CollectionError(
        "paper-not-found",
        `"${collection}" holds no paper with id "${args[1]}". See its papers with \`paperchat collection show\`.`,
      );
    }
    print(io, `Removed "${args[1]}" from "${collection}".`);
  },
};

/**
 * `paperchat collection list|create|show|rename|delete|add|remove …`: the reading lists the
 * server's Library shows, kept in their own file (see `collectionsFile`).
 */
export async function collectionCommand(line: CommandLine, io: CliIo): Promise<number> {
  const [action, ...args] = line.positionals;
  const run = action === undefined ? undefined : ACTIONS[action];
  if (!run) {
    throw new UsageError(
      action === undefined
        ? `collection needs an action: ${Object.keys(USAGE).join(", ")}.`
        : `Unknown collection action "${action}"; use one of ${Object.keys(USAGE).join(", ")}.`,
    );
  }
  const collections = openCollections(line, io);
  try {
    await run(args, { collections, line, io });
  } finally {
    collections.close();
  }
  return 0;
}
