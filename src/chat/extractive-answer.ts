import type { SearchResult, Snippet } from "../contract/search-response.ts";
import { SCENE_SETTING_SCORE } from "../search/snippet-scores.ts";

export interface ExtractiveAnswerOptions {
  /** How many sentences the answer quotes, across the sources. */
  maxQuotes?: number;
}

/** What the answer says when retrieval found nothing. */
export const NO_SOURCES_ANSWER =
  "I found no papers in the corpus that match this question. Try other words, or ask about a topic the papers cover.";

/** The best source is quoted at most this many times; every other source once. */
const BEST_SOURCE_QUOTES = 2;

/**
 * The sentences to quote, by source: the best source's shown snippets (at most two; a further
 * one only when it answers, never one that merely sets the scene), then the next sources'
 * best snippets, `maxQuotes` in all.
 */
function quotesBySource(sources: readonly SearchResult[], maxQuotes: number): Snippet[][] {
  let left = maxQuotes;
  return sources.map((source, i) => {
    const [best, ...more] = source.snippets;
    if (!best || left === 0) return [];
    const further = i === 0 ? more.filter((snippet) => snippet.score > SCENE_SETTING_SCORE) : [];
    const quoted = [best, ...further].slice(0, Math.min(left, i === 0 ? BEST_SOURCE_QUOTES : 1));
    left -= quoted.length;
    return quoted;
  });
}

/**
 * An answer made only of the sources' snippets, quoted verbatim in the order they answer: the
 * best source's one or two answering sentences, then the next sources' best, three quotes in
 * all; one line per source, cited as `[n]` in source order (source n is `sources[n - 1]`).
 * Needs no language model.
 *
 * @example
 * composeExtractiveAnswer(results);
 * // "The closest papers in the corpus say:\n\n- **LightGCN: …**: “In this work, we aim …” … “We propose …” [1]\n- **UltraGCN: …**: “…” [2]"
 */
export function composeExtractiveAnswer(
  sources: readonly SearchResult[],
  options: ExtractiveAnswerOptions = {},
): string {
  const quotes = quotesBySource(sources, options.maxQuotes ?? 3);
  const lines = sources.flatMap((source, i) => {
    const quoted = quotes[i]!.map((snippet) => `“${snippet.text}”`);
    return quoted.length > 0 ? [`- **${source.title}**: ${quoted.join(" … ")} [${i + 1}]`] : [];
  });
  if (lines.length === 0) return NO_SOURCES_ANSWER;
  const intro =
    lines.length === 1
      ? "The closest paper in the corpus says:"
      : "The closest papers in the corpus say:";
  return `${intro}\n\n${lines.join("\n")}`;
}
