import { openSearchEngine } from "../../app/open-search-engine.ts";
import type { SearchResponse } from "../../contract/search-response.ts";
import { searchResponse } from "../../search/search-response.ts";
import { resolveSettings } from "../../settings/settings.ts";
import type { CliIo } from "../cli-io.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { createProgressBar } from "../progress-bar.ts";
import { UsageError } from "../usage-error.ts";

function formatResults(response: SearchResponse): string {
  if (response.results.length === 0)
    return `No papers match "${response.query}" (and the filters, if any).\n`;
  return response.results
    .map((result, i) => {
      const snippets = result.snippets.map((s) => `     “${s.text}”`).join("\n");
      const facts = [result.year, result.categories?.join(" "), result.url].filter(
        (fact) => fact !== undefined,
      );
      const details = [`id ${result.id}`, `score ${result.score.toFixed(3)}`, ...facts].join(" · ");
      return `${i + 1}. ${result.title}\n   ${details}\n${snippets}\n`;
    })
    .join("\n");
}

/** `paperchat search "QUESTION"`: prints what GET /api/search returns (--json) or a readable list. */
export async function searchCommand(line: CommandLine, io: CliIo): Promise<number> {
  const question = line.positionals.join(" ").trim();
  if (!question)
    throw new UsageError('search needs a question, e.g. paperchat search "graph networks"');
  const settings = resolveSettings(io.env, line.overrides);
  const { engine } = await openSearchEngine({
    settings,
    build: true,
    onProgress: createProgressBar(io.stderr),
    onNotice: (notice) => io.stderr.write(`${notice}\n`),
    onDegraded: (error) => io.stderr.write(`warning: lexical search only. ${error.message}\n`),
  });
  const response = await searchResponse(engine, {
    query: question,
    k: line.k,
    filter: line.filter,
  });
  io.stdout.write(line.json ? `${JSON.stringify(response, null, 2)}\n` : formatResults(response));
  return 0;
}
