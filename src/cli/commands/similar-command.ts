import { openSearchEngine } from "../../app/open-search-engine.ts";
import { DEFAULT_SIMILAR_K } from "../../contract/default-k.ts";
import { resolveSettings } from "../../settings/settings.ts";
import type { CliIo } from "../cli-io.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { UsageError } from "../usage-error.ts";

/**
 * `paperchat similar PAPER_ID`: nearest papers from the stored vectors (no model needed), of
 * those that pass `--year` / `--category`.
 * Prints what GET /api/papers/:id/similar returns (--json) or a readable list.
 */
export async function similarCommand(line: CommandLine, io: CliIo): Promise<number> {
  const [id, extra] = line.positionals;
  if (!id || extra !== undefined) throw new UsageError("similar takes exactly one PAPER_ID.");
  const settings = resolveSettings(io.env, line.overrides);
  const { engine } = await openSearchEngine({ settings, embed: false });
  const response = await engine.similarPapers(id, line.k ?? DEFAULT_SIMILAR_K, line.filter);
  if (!response) {
    io.stderr.write(
      `No paper with id "${id}". Ids are listed by \`paperchat search\` and GET /api/papers.\n`,
    );
    return 1;
  }
  if (line.json) {
    io.stdout.write(`${JSON.stringify(response, null, 2)}\n`);
  } else {
    io.stdout.write(`Similar to: ${response.paper.title}\n\n`);
    response.results.forEach((r, i) => {
      io.stdout.write(`${i + 1}. ${r.title}\n   id ${r.id} · score ${r.score.toFixed(3)}\n`);
    });
  }
  return 0;
}
