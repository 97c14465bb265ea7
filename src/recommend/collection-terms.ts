import { tokenize } from "../contract/tokenize.ts";

/** Most terms a lexical recommendation searches with. */
export const MAX_COLLECTION_TERMS = 24;
/** A title word counts this many times an abstract word does. */
const TITLE_WEIGHT = 3;

/** The text of a collection paper that lexical recommendations read. */
export interface PaperText {
  title: string;
  abstract: string;
}

/**
 * The search terms that say what a collection is about, for BM25 when the index has no
 * vectors: the terms shared by most of its papers first (a term counts once per paper), then
 * by how often they occur (title words weigh `TITLE_WEIGHT` times more), then alphabetically.
 * BM25's IDF then favours the rarer of them, and the store leaves out the too common.
 *
 * @example
 * collectionTerms([{ title: "LightGCN", abstract: "Graph convolution for recommendation." }]);
 * // ["lightgcn", "convolution", "graph", "recommendation"]
 */
export function collectionTerms(
  papers: readonly PaperText[],
  limit = MAX_COLLECTION_TERMS,
): string[] {
  const papersWith = new Map<string, number>();
  const weight = new Map<string, number>();
  for (const { title, abstract } of papers) {
    const titleTerms = tokenize(title);
    const abstractTerms = tokenize(abstract);
    for (const term of new Set([...titleTerms, ...abstractTerms])) {
      papersWith.set(term, (papersWith.get(term) ?? 0) + 1);
    }
    for (const term of titleTerms) weight.set(term, (weight.get(term) ?? 0) + TITLE_WEIGHT);
    for (const term of abstractTerms) weight.set(term, (weight.get(term) ?? 0) + 1);
  }
  return [...papersWith.keys()]
    .sort(
      (a, b) =>
        papersWith.get(b)! - papersWith.get(a)! ||
        weight.get(b)! - weight.get(a)! ||
        (a < b ? -1 : a > b ? 1 : 0),
    )
    .slice(0, limit);
}
