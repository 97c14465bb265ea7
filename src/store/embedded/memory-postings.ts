import type Database from "better-sqlite3";
import { isUnfiltered, type PaperFilter } from "../../contract/paper-filter.ts";
import { bestRows } from "../best-rows.ts";
import { bm25Idf, bm25TermScore, type Postings } from "./lexical-search.ts";

/**
 * A corpus of at most this many papers has its postings loaded into memory on its first lexical
 * ranking (from its FTS5 index: about 20 ms for 70 papers, 0.2 s for 1,000). Its lexical ranking then takes
 * microseconds instead of FTS5's fraction of a millisecond per question, which at this size is
 * much of a search's cost beyond the model's pass.
 */
export const MEMORY_POSTINGS_MAX_PAPERS = 1000;

/** One term's papers: rows ascending, with the term's count in each body. */
interface TermPostings {
  bodyRows: number[];
  bodyCounts: number[];
  titleRows: number[];
}

/**
 * Loads the postings of a small papers file (`docCount` papers) into memory, to rank exactly as
 * FTS5 does: the same terms, the same counts, the same BM25. `passes` tests a row against a
 * filter (the facet index's test).
 *
 * @example
 * const postings = loadMemoryPostings(db, 70, (filter) => facets.passes(filter));
 * createLexicalSearch(postings, 70).rank(["graph"], 10);
 */
export function loadMemoryPostings(
  db: Database.Database,
  docCount: number,
  passes: (filter: PaperFilter) => (row: number) => boolean,
): Postings {
  const byTerm = new Map<string, TermPostings>();
  const lengths = new Uint32Array(docCount);
  let tokens = 0;
  // The papers file is opened query-only; a temporary table changes nothing on disk.
  const withWrites = (sql: string) => {
    db.pragma("query_only = OFF");
    try {
      db.exec(sql);
    } finally {
      db.pragma("query_only = ON");
    }
  };
  withWrites("CREATE VIRTUAL TABLE temp.fts_instances USING fts5vocab(main, fts, 'instance')");
  try {
    // One row per occurrence, by term, then row, then column.
    const instances = db.prepare("SELECT term, doc, col FROM temp.fts_instances").raw();
    let current: TermPostings | undefined;
    let currentTerm = "";
    for (const [term, row, column] of instances.iterate() as Iterable<[string, number, string]>) {
      if (row < 0 || row >= docCount) {
        throw new RangeError(`the full-text index names row ${row}, past the ${docCount} papers`);
      }
      if (current === undefined || term !== currentTerm) {
        current = { bodyRows: [], bodyCounts: [], titleRows: [] };
        currentTerm = term;
        byTerm.set(term, current);
      }
      lengths[row]! += 1;
      tokens += 1;
      if (column === "body") {
        const last = current.bodyRows.length - 1;
        if (current.bodyRows[last] === row) current.bodyCounts[last]! += 1;
        else {
          current.bodyRows.push(row);
          current.bodyCounts.push(1);
        }
      } else if (current.titleRows.at(-1) !== row) {
        current.titleRows.push(row);
      }
    }
  } finally {
    withWrites("DROP TABLE IF EXISTS temp.fts_instances");
  }
  const averageLength = tokens / docCount;
  const testOf = (filter?: PaperFilter) => (isUnfiltered(filter) ? undefined : passes(filter!));

  return {
    frequencies(terms) {
      return [...new Set(terms)].flatMap((term) => {
        const found = byTerm.get(term);
        return found ? [{ term, body: found.bodyRows.length, title: found.titleRows.length }] : [];
      });
    },
    bm25(terms, limit, filter) {
      const test = testOf(filter);
      // Summed term by term in the question's order, as FTS5 sums its phrases.
      const scores = new Map<number, number>();
      for (const term of terms) {
        const found = byTerm.get(term);
        if (!found) continue;
        const weight = bm25Idf(docCount, found.bodyRows.length);
        found.bodyRows.forEach((row, i) => {
          if (test && !test(row)) return;
          const share = bm25TermScore(weight, found.bodyCounts[i]!, lengths[row]!, averageLength);
          scores.set(row, (scores.get(row) ?? 0) + share);
        });
      }
      return bestRows(scores, limit);
    },
    titleRows(term, filter) {
      const rows = byTerm.get(term)?.titleRows ?? [];
      const test = testOf(filter);
      return test ? rows.filter(test) : rows;
    },
  };
}
