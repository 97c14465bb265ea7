/** Which question terms lexical ranking uses, the same in every store (pure functions). */

import type { TermFrequency } from "./paper-store.ts";

/**
 * Postings one lexical query may walk. FTS5 scores every paper a query term matches, so a
 * question made of common words would read a large share of a million-paper index; the rarest
 * terms are kept up to this budget (common words add little to BM25 anyway, by their IDF).
 */
export const POSTING_BUDGET = 30_000;

/**
 * A title word is rare when at most 1% of titles hold it, and never more than this many: in a
 * million titles, 1% would be 10,000 papers, no longer the acronym or method name it is for.
 */
export const RARE_TITLE_MAX = 500;

/**
 * A term in more papers than this is too common to rank by: 1% of the corpus, and never fewer
 * than 5,000 papers, so that no term of a corpus under half a million papers is left out. In a
 * million papers such a term's 10,000+ papers tie on it; the question's rarer words, the title
 * terms and the vectors rank them instead.
 *
 * @example
 * commonAbove(1_000_000); // 10000
 */
export function commonAbove(docCount: number): number {
  return Math.max(5000, Math.ceil(docCount * 0.01));
}

/**
 * The terms a lexical query uses: those the index knows and that are not too common
 * (`maxDocs`), rarest first, as many as fit in the posting budget (at least the rarest one).
 *
 * @example
 * queryTerms([{ term: "the", docs: 900 }, { term: "lightgcn", docs: 2 }], { budget: 100, maxDocs: 1000 }); // ["lightgcn"]
 */
export function queryTerms(
  frequencies: readonly TermFrequency[],
  limits: { budget: number; maxDocs: number },
): string[] {
  const { budget, maxDocs } = limits;
  const known = frequencies
    .filter((f) => f.docs > 0 && f.docs <= maxDocs)
    .sort((a, b) => a.docs - b.docs);
  const chosen: string[] = [];
  let postings = 0;
  for (const { term, docs } of known) {
    if (chosen.length > 0 && postings + docs > budget) break;
    chosen.push(term);
    postings += docs;
  }
  return chosen;
}

/**
 * How many titles a question term may be in and still count as rare: 1% of the corpus, at least
 * 3 and at most `RARE_TITLE_MAX`.
 *
 * @example
 * rareTitlesAtMost(70); // 3
 */
export function rareTitlesAtMost(docCount: number): number {
  return Math.min(RARE_TITLE_MAX, Math.max(3, Math.ceil(docCount * 0.01)));
}
