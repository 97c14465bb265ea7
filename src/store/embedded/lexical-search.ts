import type { PaperFilter } from "../../contract/paper-filter.ts";
import { bestRows, type RowRanking } from "../best-rows.ts";
import { idf } from "../idf.ts";
import { commonAbove, POSTING_BUDGET, queryTerms, rareTitlesAtMost } from "../lexical-terms.ts";
import type { TermStatistics } from "../paper-store.ts";

/** BM25's term-frequency saturation and length normalisation, FTS5's values. */
const K1 = 1.2;
const B = 0.75;

/**
 * A term's inverse document frequency as FTS5's `bm25()` computes it: a term in half the
 * documents or more gets a tiny positive weight instead of a negative one.
 *
 * @example
 * bm25Idf(70, 3); // 2.96...
 */
export function bm25Idf(n: number, df: number): number {
  const weight = Math.log((n - df + 0.5) / (df + 0.5));
  return weight > 0 ? weight : 1e-6;
}

/**
 * One term's share of a document's BM25 score, as FTS5's `bm25()` adds it up: `tf` occurrences
 * in a document of `length` tokens, where documents average `averageLength`.
 *
 * @example
 * bm25TermScore(bm25Idf(70, 3), 2, 180, 200); // 4.19...
 */
export function bm25TermScore(
  idfWeight: number,
  tf: number,
  length: number,
  averageLength: number,
): number {
  return idfWeight * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength)));
}

/** The two lexical rankings of one question. */
export interface LexicalRankings {
  /** BM25 over the body (title words count double). */
  bm25: RowRanking;
  /**
   * Papers whose title contains a *rare* question term (an acronym, a method name), by the
   * summed IDF of those terms. Common words are ignored, so natural-language questions rarely
   * produce this list, while "TabPFN" or "LightGCN" put their paper on top.
   */
  rareTitles: RowRanking;
  /** The question terms' frequencies in the whole index (whatever the filter). */
  termStatistics: TermStatistics;
}

/** How many papers hold a term in their body and in their title (the `terms` table's row). */
export interface TermFrequencies {
  term: string;
  body: number;
  title: number;
}

/**
 * What lexical ranking reads from an index: FTS5 on disk ({@link createFtsPostings}), or a small
 * corpus's postings held in memory ({@link loadMemoryPostings}). Both rank alike (a test holds them
 * to it); with a filter, each looks only at the papers that pass it.
 */
export interface Postings {
  /** Frequencies of the distinct terms the index knows, in the order given. */
  frequencies(terms: readonly string[]): TermFrequencies[];
  /** The best `limit` papers holding any of the terms in their body, by FTS5's BM25. */
  bm25(terms: readonly string[], limit: number, filter?: PaperFilter): RowRanking;
  /** The papers whose title holds the term. */
  titleRows(term: string, filter?: PaperFilter): Iterable<number>;
}

/** Lexical ranking of questions over an index's postings. */
export interface LexicalSearch {
  /**
   * The best `limit` papers of each lexical ranking for the terms; with a filter, the best
   * `limit` of the papers that pass it (scores are those of the whole index). The terms'
   * frequencies are looked up once for both, and returned.
   */
  rank(terms: readonly string[], limit: number, filter?: PaperFilter): LexicalRankings;
}

/**
 * Creates the lexical rankings of a corpus of `docCount` papers: BM25 on the rarest question
 * terms within the posting budget, and papers by the rare question terms in their titles.
 *
 * @example
 * const lexical = createLexicalSearch(createFtsPostings(db), 70);
 * lexical.rank(tokenize("graph convolution"), 50).bm25.rows;
 */
export function createLexicalSearch(postings: Postings, docCount: number): LexicalSearch {
  const maxDocs = commonAbove(docCount);
  const rareBelow = rareTitlesAtMost(docCount);
  const rankRareTitles = (
    found: readonly TermFrequencies[],
    limit: number,
    filter?: PaperFilter,
  ) => {
    const scores = new Map<number, number>();
    for (const { term, body, title } of found) {
      if (title === 0 || title > rareBelow) continue;
      const weight = idf(docCount, body);
      for (const row of postings.titleRows(term, filter)) {
        scores.set(row, (scores.get(row) ?? 0) + weight);
      }
    }
    return bestRows(scores, limit);
  };

  return {
    rank(terms, limit, filter) {
      const found = postings.frequencies(terms);
      const frequencies = found.map(({ term, body }) => ({ term, docs: body }));
      const chosen = queryTerms(frequencies, { budget: POSTING_BUDGET, maxDocs });
      return {
        bm25: chosen.length > 0 ? postings.bm25(chosen, limit, filter) : { rows: [], scores: [] },
        rareTitles: rankRareTitles(found, limit, filter),
        termStatistics: { docCount, frequencies },
      };
    },
  };
}
