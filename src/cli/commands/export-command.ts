import { openSearchEngine } from "../../app/open-search-engine.ts";
import { CollectionError, collectionNotFound } from "../../collections/collection-error.ts";
import { currentPapers } from "../../collections/current-papers.ts";
import { findPapers, listIds } from "../../collections/find-papers.ts";
import type { PaperSource } from "../../collections/paper-source.ts";
import type { ExportPaper } from "../../export/export-paper.ts";
import { formatPapers } from "../../export/format-papers.ts";
import { resolveSettings } from "../../settings/settings.ts";
import type { CliIo } from "../cli-io.ts";
import { openCollections } from "../open-collections.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { UsageError } from "../usage-error.ts";

/** A collection's papers (those that left the index from their id and title). */
async function collectionPapers(
  line: CommandLine,
  io: CliIo,
  name: string,
  source: PaperSource,
): Promise<ExportPaper[]> {
  const collections = openCollections(line, io);
  try {
    const stored = collections.get(name);
    if (!stored) throw collectionNotFound(name);
    return (await currentPapers(source, stored.papers)).map(({ paper }) => paper);
  } finally {
    collections.close();
  }
}

/** Papers by id, all of which the index must hold. */
async function papersByIds(ids: readonly string[], source: PaperSource): Promise<ExportPaper[]> {
  const { papers, unknown } = await findPapers(source, ids);
  if (unknown.length === 0) return papers;
  throw new CollectionError(
    "paper-not-found",
    `The index holds no paper with id ${listIds(unknown)}. Find ids with \`paperchat search\`.`,
  );
}

/**
 * `paperchat export (--collection NAME | ID...) --format bibtex|ris|csl-json`: prints the
 * citation file GET /api/collections/:name/export or POST /api/export answers with.
 */
export async function exportCommand(line: CommandLine, io: CliIo): Promise<number> {
  const ids = line.positionals;
  const name = line.collection;
  if ((name === undefined) === (ids.length === 0)) {
    throw new UsageError("export takes either --collection NAME or paper ids, one of the two.");
  }
  const settings = resolveSettings(io.env, line.overrides);
  const { engine } = await openSearchEngine({ settings, embed: false });
  try {
    const source = engine.store;
    const papers =
      name === undefined
        ? await papersByIds(ids, source)
        : await collectionPapers(line, io, name, source);
    io.stdout.write(formatPapers(papers, line.exportFormat ?? "bibtex"));
  } finally {
    await engine.store.close();
  }
  return 0;
}
