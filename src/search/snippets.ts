import type { LoadedIndex } from "../index/load-index.ts";
import { sharedTerms } from "../index/sentence-terms.ts";
import { dotRow } from "./dot.ts";
import type { Snippet } from "./types.ts";

export interface SnippetQuery {
  /** Unit vector of the question; absent in lexical-only mode. */
  vector?: Float32Array;
  /** Ids of the question's search terms that the index knows (see `termIdsOf`). */
  termIds: ReadonlySet<number>;
  /** How many distinct search terms the question has, known to the index or not. */
  termCount: number;
}

/** Most snippets shown per paper. */
export const MAX_SNIPPETS = 3;
/** A further snippet must score at least this share of the best one. */
const KEEP_RATIO = 0.75;
/** Weight of word overlap: a tie-break beside the semantic score, the whole score without one. */
const OVERLAP_WEIGHT = 0.05;

/**
 * Picks the 1–3 abstract sentences of paper `doc` that best answer a question: ranked by cosine
 * similarity of their index-time vectors to the question vector, the share of the question's
 * terms they contain (from index-time term ids, no tokenizing here) breaking ties, or ranking
 * alone in lexical-only mode. Each snippet is verbatim: `abstract.slice(start, end) === text`.
 *
 * @example
 * snippetsFor(index, 3, { vector, termIds: new Set(termIdsOf(index.bm25, terms)), termCount: terms.length });
 */
export function snippetsFor(index: LoadedIndex, doc: number, query: SnippetQuery): Snippet[] {
  const paper = index.papers[doc]!;
  const first = index.sentenceStart[doc]!;
  const { vector, termIds, termCount } = query;
  const scored = paper.sentences.map(([start, end], i) => {
    const overlap = termCount
      ? sharedTerms(index.sentenceTerms, first + i, termIds) / termCount
      : 0;
    const score = vector
      ? dotRow(vector, index.sentenceVectors, first + i) + OVERLAP_WEIGHT * overlap
      : overlap;
    return {
      text: paper.abstract.slice(start, end),
      start,
      end,
      score: Math.round(score * 1e4) / 1e4,
    };
  });
  scored.sort((a, b) => b.score - a.score || a.start - b.start);
  const best = scored[0]?.score ?? 0;
  return scored
    .slice(0, MAX_SNIPPETS)
    .filter((snippet, rank) => rank === 0 || (best > 0 && snippet.score >= KEEP_RATIO * best));
}
