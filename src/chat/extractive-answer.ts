import type { SearchResult } from "../contract/search-response.ts";

export interface ExtractiveAnswerOptions {
  /** How many of the sources (best first) the answer quotes. */
  maxCited?: number;
}

/** What the answer says when retrieval found nothing. */
export const NO_SOURCES_ANSWER =
  "I found no papers in the corpus that match this question. Try other words, or ask about a topic the papers cover.";

/**
 * An answer made only of the sources' best snippets, quoted verbatim, one source per line and
 * cited as `[n]` in source order (source n is `sources[n - 1]`). Needs no language model.
 *
 * @example
 * composeExtractiveAnswer(results);
 * // "The closest papers in the corpus say:\n\n- **RCNet: …**: “Feature pyramid networks (FPN) are …” [1]\n…"
 */
export function composeExtractiveAnswer(
  sources: readonly SearchResult[],
  options: ExtractiveAnswerOptions = {},
): string {
  const maxCited = options.maxCited ?? 3;
  const lines = sources
    .slice(0, maxCited)
    .map((source, i) => ({ source, snippet: source.snippets[0], n: i + 1 }))
    .filter(({ snippet }) => snippet !== undefined)
    .map(({ source, snippet, n }) => `- **${source.title}**: “${snippet!.text}” [${n}]`);
  if (lines.length === 0) return NO_SOURCES_ANSWER;
  const intro =
    lines.length === 1
      ? "The closest paper in the corpus says:"
      : "The closest papers in the corpus say:";
  return `${intro}\n\n${lines.join("\n")}`;
}
