import { tokenize } from "../index/tokenize.ts";
import type { IndexedPaper } from "../index/write-index.ts";
import { dotRow } from "./dot.ts";
import type { Snippet } from "./types.ts";

export interface SnippetQuery {
  /** Unit vector of the question; absent in lexical-only mode. */
  vector?: Float32Array;
  /** The question's search terms (see `tokenize`). */
  terms: readonly string[];
}

/** Most snippets shown per paper. */
export const MAX_SNIPPETS = 3;
/** A further snippet must score at least this share of the best one. */
const KEEP_RATIO = 0.75;
/** Weight of word overlap: a tie-break beside the semantic score, the whole score without one. */
const OVERLAP_WEIGHT = 0.05;

function overlap(sentence: string, terms: ReadonlySet<string>): number {
  if (terms.size === 0) return 0;
  const words = new Set(tokenize(sentence));
  let shared = 0;
  for (const term of terms) if (words.has(term)) shared += 1;
  return shared / terms.size;
}

/**
 * Picks the 1–3 abstract sentences that best answer a question: ranked by cosine similarity of
 * their index-time vectors to the question vector, word overlap breaking ties (or ranking
 * alone in lexical-only mode). Each snippet is verbatim: `abstract.slice(start, end) === text`.
 *
 * @example
 * snippetsFor(paper, index.sentenceVectors, index.sentenceStart[i], { vector, terms });
 */
export function snippetsFor(
  paper: IndexedPaper,
  sentenceVectors: Float32Array,
  firstSentence: number,
  query: SnippetQuery,
): Snippet[] {
  const terms = new Set(query.terms);
  const scored = paper.sentences.map(([start, end], i) => {
    const text = paper.abstract.slice(start, end);
    const semantic = query.vector ? dotRow(query.vector, sentenceVectors, firstSentence + i) : 0;
    const lexical = overlap(text, terms);
    const score = query.vector ? semantic + OVERLAP_WEIGHT * lexical : lexical;
    return { text, start, end, score: Math.round(score * 1e4) / 1e4 };
  });
  scored.sort((a, b) => b.score - a.score || a.start - b.start);
  const best = scored[0]?.score ?? 0;
  return scored
    .slice(0, MAX_SNIPPETS)
    .filter((snippet, rank) => rank === 0 || (best > 0 && snippet.score >= KEEP_RATIO * best));
}
