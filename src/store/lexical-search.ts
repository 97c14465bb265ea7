import type Database from "better-sqlite3";
import { filterClause, isUnfiltered, type PaperFilter } from "./paper-filter.ts";
import { createRecentLookup } from "./recent-lookup.ts";

/** A ranked list of papers: their rows best first, with their scores. */
export interface RowRanking {
  rows: number[];
  scores: number[];
}

/** A query term and how many papers contain it. */
export interface TermFrequency {
  term: string;
  docs: number;
}

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
const RARE_TITLE_MAX = 500;

/** Inverse document frequency of a term that occurs in `df` of `n` documents (BM25+ form, ≥ 0). */
export function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

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

/** An FTS5 query matching any of `terms` (each quoted, so no term is read as an operator). */
export function anyOf(terms: readonly string[], column?: string): string {
  const quoted = terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(" OR ");
  return column ? `${column} : (${quoted})` : quoted;
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
}

/** How many papers hold a term in their body and in their title (the `terms` table's row). */
interface TermFrequencies {
  term: string;
  body: number;
  title: number;
}

/** Lexical ranking over a papers file's FTS5 index. */
export interface LexicalSearch {
  /**
   * The best `limit` papers of each lexical ranking for the terms; with a filter, the best
   * `limit` of the papers that pass it (scores are those of the whole index). The terms'
   * frequencies are looked up once for both.
   */
  rank(terms: readonly string[], limit: number, filter?: PaperFilter): LexicalRankings;
}

/**
 * Creates the lexical rankings over an open papers file.
 *
 * @example
 * const lexical = createLexicalSearch(db, 70);
 * lexical.rank(tokenize("graph convolution"), 50).bm25.rows;
 */
export function createLexicalSearch(
  db: Database.Database,
  docCount: number,
  options: { rememberedTerms?: number } = {},
): LexicalSearch {
  // Frequencies counted once at build time (see `TERM_FREQUENCIES`), not by FTS5 per look-up.
  const frequenciesOf = db.prepare(
    "SELECT term, body, title FROM terms WHERE term IN (SELECT value FROM json_each(?))",
  );
  const bm25 = db.prepare(
    "SELECT rowid, bm25(fts, 0, 1) AS rank FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?",
  );
  const matching = db.prepare("SELECT rowid FROM fts WHERE fts MATCH ?").pluck();
  const maxDocs = commonAbove(docCount);
  // A filter joins the full-text hits with their papers and keeps those that pass.
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    const cached = statements.get(sql);
    if (cached) return cached;
    const statement = db.prepare(sql);
    statements.set(sql, statement);
    return statement;
  };
  const joined = (select: string, filter: PaperFilter, tail = "") => {
    const clause = filterClause(filter);
    const sql = `SELECT ${select} FROM fts JOIN papers ON papers.row = fts.rowid WHERE fts MATCH ? AND ${clause.sql}${tail}`;
    return { statement: prepared(sql), params: clause.params };
  };
  const rankedHits = (query: string, limit: number, filter?: PaperFilter) => {
    if (isUnfiltered(filter)) return bm25.all(query, limit);
    const { statement, params } = joined(
      "fts.rowid AS rowid, bm25(fts, 0, 1) AS rank",
      filter!,
      " ORDER BY rank LIMIT ?",
    );
    return statement.all(query, ...params, limit);
  };
  const matchingRows = (query: string, filter?: PaperFilter) => {
    if (isUnfiltered(filter)) return matching.all(query) as number[];
    const { statement, params } = joined("fts.rowid", filter!);
    return statement.pluck().all(query, ...params) as number[];
  };
  const recentFrequencies = createRecentLookup<string, TermFrequencies | undefined>({
    lookUp: (terms) =>
      (frequenciesOf.all(JSON.stringify(terms)) as TermFrequencies[]).map(
        (row) => [row.term, row] as const,
      ),
    absent: undefined,
    capacity: options.rememberedTerms ?? 0,
  });
  /** Body and title document frequencies of the distinct terms the index knows, in question order. */
  const frequencies = (terms: readonly string[]) =>
    [...recentFrequencies.get(terms).values()].filter((found) => found !== undefined);
  const rankBm25 = (known: readonly TermFrequency[], limit: number, filter?: PaperFilter) => {
    const chosen = queryTerms(known, { budget: POSTING_BUDGET, maxDocs });
    if (chosen.length === 0) return { rows: [], scores: [] };
    const hits = rankedHits(anyOf(chosen, "body"), limit, filter) as {
      rowid: number;
      rank: number;
    }[];
    return { rows: hits.map((h) => h.rowid), scores: hits.map((h) => -h.rank) };
  };
  const rareBelow = Math.min(RARE_TITLE_MAX, Math.max(3, Math.ceil(docCount * 0.01)));
  const rankRareTitles = (
    found: readonly TermFrequencies[],
    limit: number,
    filter?: PaperFilter,
  ) => {
    const scores = new Map<number, number>();
    for (const { term, body, title } of found) {
      if (title === 0 || title > rareBelow) continue;
      const weight = idf(docCount, body);
      for (const row of matchingRows(anyOf([term], "title"), filter)) {
        scores.set(row, (scores.get(row) ?? 0) + weight);
      }
    }
    const best = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit);
    return { rows: best.map(([row]) => row), scores: best.map(([, score]) => score) };
  };

  return {
    rank(terms, limit, filter) {
      const found = frequencies(terms);
      return {
        bm25: rankBm25(
          found.map(({ term, body }) => ({ term, docs: body })),
          limit,
          filter,
        ),
        rareTitles: rankRareTitles(found, limit, filter),
      };
    },
  };
}
