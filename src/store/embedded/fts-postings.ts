import type Database from "better-sqlite3";
import { isUnfiltered, type PaperFilter } from "../../contract/paper-filter.ts";
import type { RowRanking } from "../best-rows.ts";
import { createRecentLookup } from "../recent-lookup.ts";
import { filterClause } from "./filter-clause.ts";
import type { Postings, TermFrequencies } from "./lexical-search.ts";

export interface FtsPostingsOptions {
  /** Terms whose frequencies are remembered between questions (least recently used go first). */
  rememberedTerms?: number;
}

/**
 * An FTS5 query matching any of `terms` (each quoted, so no term is read as an operator).
 *
 * @example
 * anyOf(["graph", 'a"b'], "body"); // 'body : ("graph" OR "a""b")'
 */
function anyOf(terms: readonly string[], column?: string): string {
  const quoted = terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(" OR ");
  return column ? `${column} : (${quoted})` : quoted;
}

/**
 * The postings of an open papers file, read through its FTS5 index (any corpus size): BM25 by
 * FTS5's `bm25()`, frequencies from the `terms` table counted at build time.
 *
 * @example
 * const lexical = createLexicalSearch(createFtsPostings(db), count);
 */
export function createFtsPostings(
  db: Database.Database,
  options: FtsPostingsOptions = {},
): Postings {
  // Frequencies counted once at build time (see `TERM_FREQUENCIES`), not by FTS5 per look-up.
  const frequenciesOf = db.prepare(
    "SELECT term, body, title FROM terms WHERE term IN (SELECT value FROM json_each(?))",
  );
  // Equal scores come lower row first, as from the postings in memory.
  const bm25 = db.prepare(
    "SELECT rowid, bm25(fts, 0, 1) AS rank FROM fts WHERE fts MATCH ? ORDER BY rank, rowid LIMIT ?",
  );
  const matching = db.prepare("SELECT rowid FROM fts WHERE fts MATCH ?").pluck();
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
  const recentFrequencies = createRecentLookup<string, TermFrequencies | undefined>({
    lookUp: (terms) =>
      (frequenciesOf.all(JSON.stringify(terms)) as TermFrequencies[]).map(
        (row) => [row.term, row] as const,
      ),
    absent: undefined,
    capacity: options.rememberedTerms ?? 0,
  });

  return {
    frequencies: (terms) =>
      [...recentFrequencies.get(terms).values()].filter((found) => found !== undefined),
    bm25(terms, limit, filter): RowRanking {
      const query = anyOf(terms, "body");
      let hits: { rowid: number; rank: number }[];
      if (isUnfiltered(filter)) {
        hits = bm25.all(query, limit) as typeof hits;
      } else {
        const { statement, params } = joined(
          "fts.rowid AS rowid, bm25(fts, 0, 1) AS rank",
          filter!,
          " ORDER BY rank, fts.rowid LIMIT ?",
        );
        hits = statement.all(query, ...params, limit) as typeof hits;
      }
      return { rows: hits.map((h) => h.rowid), scores: hits.map((h) => -h.rank) };
    },
    titleRows(term, filter) {
      const query = anyOf([term], "title");
      if (isUnfiltered(filter)) return matching.all(query) as number[];
      const { statement, params } = joined("fts.rowid", filter!);
      return statement.pluck().all(query, ...params) as number[];
    },
  };
}
