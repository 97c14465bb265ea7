import type { Snippet } from "../contract/search-response.ts";
import type { SentenceData, StoredPaper } from "../store/paper-store.ts";
import { sentenceOverlaps } from "../store/sentence-terms.ts";
import { sentenceScores } from "../store/sentence-vectors.ts";

export interface SnippetQuery {
  /** Unit vector of the question; absent in lexical-only mode. */
  vector?: Float32Array;
  /** Hashes of the question's distinct search terms (see `termHash`). */
  termHashes: ReadonlySet<number>;
}

/** Most snippets shown per paper. */
export const MAX_SNIPPETS = 3;
/** A further snippet must score at least this share of the best one. */
const KEEP_RATIO = 0.75;
/** Weight of word overlap: a tie-break beside the semantic score, the whole score without one. */
const OVERLAP_WEIGHT = 0.05;

/**
 * Picks the 1–3 abstract sentences of a paper that best answer a question: ranked by cosine
 * similarity of their index-time vectors to the question vector, the share of the question's
 * terms they contain (from index-time term hashes, no tokenizing here) breaking ties, or ranking
 * alone in lexical-only mode. Each snippet is verbatim: `abstract.slice(start, end) === text`.
 *
 * @example
 * snippetsFor(paper, { terms, vectors }, { vector, termHashes: new Set(tokenize(q).map(termHash)) });
 */
export function snippetsFor(
  paper: StoredPaper,
  sentences: SentenceData,
  query: SnippetQuery,
): Snippet[] {
  const { vector, termHashes } = query;
  const overlaps = sentenceOverlaps(sentences.terms, termHashes);
  const cosines =
    vector && sentences.vectors ? sentenceScores(sentences.vectors, vector) : undefined;
  const scored = paper.sentences.map(([start, end], i) => {
    const overlap = termHashes.size ? (overlaps[i] ?? 0) / termHashes.size : 0;
    const score = cosines ? (cosines[i] ?? 0) + OVERLAP_WEIGHT * overlap : overlap;
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
