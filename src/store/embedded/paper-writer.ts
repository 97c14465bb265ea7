import Database from "better-sqlite3";
import type { SeenPapers } from "../../corpus/seen-papers.ts";
import type { PaperRecord } from "../paper-record.ts";
import { createSeenPapersOnDisk } from "../seen-papers-on-disk.ts";
import { createFacetCollector } from "./facet-index.ts";

const SCHEMA = `
CREATE TABLE papers (
  row INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  abstract TEXT NOT NULL,
  authors TEXT,
  year INTEGER,
  categories TEXT,
  doi TEXT,
  url TEXT,
  metadata TEXT,
  sentences BLOB NOT NULL,
  sentence_terms BLOB NOT NULL,
  sentence_roles BLOB NOT NULL,
  content_hash TEXT NOT NULL
);
CREATE VIRTUAL TABLE fts USING fts5(title, body, content='', tokenize="unicode61 tokenchars '-'");
CREATE VIRTUAL TABLE fts_columns USING fts5vocab(fts, 'col');
`;

/**
 * Each search term's document frequency in the body and in titles, counted once at the end of a
 * build: FTS5's own vocabulary table counts by reading the term's whole posting list, which for
 * a common word of a million papers takes milliseconds per look-up, on every query.
 */
const TERM_FREQUENCIES = `
CREATE TABLE terms (term TEXT PRIMARY KEY, body INTEGER NOT NULL, title INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO terms
  SELECT term, coalesce(sum(CASE WHEN col = 'body' THEN doc END), 0),
         coalesce(sum(CASE WHEN col = 'title' THEN doc END), 0)
  FROM fts_columns GROUP BY term;
`;

/** A word in the title says more than one in the abstract: it counts this many times in BM25. */
const TITLE_REPEATS = 2;

/** Rows written per transaction while a build streams papers in. */
const ROWS_PER_TRANSACTION = 2000;

/** Writes the papers of one build into a fresh SQLite file. */
export interface PaperWriter {
  /** Adds a paper; its row (the HNSW label) is the number of papers added before it. */
  add(record: PaperRecord): number;
  readonly count: number;
  /** The papers kept so far by id and normalised title, on disk (duplicates are skipped). */
  readonly seen: SeenPapers;
  /** Commits, compacts the full-text index and closes the file. */
  finish(): void;
  /** Closes without finishing (the file is then left to be removed). */
  abandon(): void;
}

const asBlob = (array: Uint32Array | Uint8Array) =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength);

/**
 * Creates the papers file of a new build: papers, metadata, sentence offsets, term hashes and roles,
 * every paper's year and categories as arrays by row (see {@link createFacetCollector}), and a
 * contentless FTS5 index of search terms with two columns: `title` (for rare title words) and
 * `body` (what BM25 ranks: the title's terms twice, then the abstract's). Rows are committed in
 * batches; the file only counts once the build's manifest points at it.
 *
 * @example
 * const writer = createPaperWriter("index/gen-x/papers.sqlite");
 * writer.add(record);
 * writer.finish();
 */
export function createPaperWriter(path: string): PaperWriter {
  const db = new Database(path);
  // The file counts only once a manifest names it, so it needs no crash-safe journal on disk.
  // (better-sqlite3's defensive mode refuses `journal_mode = OFF`; MEMORY is the next best.)
  db.pragma("journal_mode = MEMORY");
  db.pragma("synchronous = OFF");
  db.exec(SCHEMA);
  const insertPaper = db.prepare(
    `INSERT INTO papers (row, id, title, abstract, authors, year, categories, doi, url, metadata, sentences, sentence_terms, sentence_roles, content_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertText = db.prepare("INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)");
  const seen = createSeenPapersOnDisk();
  // Years and category bitsets by row, written at the end for filters to load at once.
  const facets = createFacetCollector();
  let count = 0;
  let open = false;
  const commit = () => {
    if (open) db.exec("COMMIT");
    open = false;
  };
  return {
    get count() {
      return count;
    },
    seen,
    add(record) {
      const { paper } = record;
      if (!open) {
        db.exec("BEGIN");
        open = true;
      }
      const row = count;
      insertPaper.run(
        row,
        paper.id,
        paper.title,
        paper.abstract,
        paper.authors ? JSON.stringify(paper.authors) : null,
        paper.year ?? null,
        paper.categories ? ` ${paper.categories.join(" ")} ` : null,
        paper.doi ?? null,
        paper.url ?? null,
        paper.metadata ? JSON.stringify(paper.metadata) : null,
        asBlob(new Uint32Array(paper.sentences.flat())),
        asBlob(record.sentenceTerms),
        asBlob(record.sentenceRoles),
        record.contentHash,
      );
      const title = record.titleTerms.join(" ");
      // BM25 ranks the body: title words count TITLE_REPEATS times, abstract words once.
      const body = [...Array(TITLE_REPEATS).fill(title), record.abstractTerms.join(" ")];
      insertText.run(row, title, body.join(" "));
      facets.add(row, paper.year, paper.categories);
      count += 1;
      if (count % ROWS_PER_TRANSACTION === 0) commit();
      return row;
    },
    finish() {
      commit();
      facets.write(db);
      db.exec("INSERT INTO fts (fts) VALUES ('optimize')");
      db.exec(TERM_FREQUENCIES);
      db.close();
      seen.close();
    },
    abandon() {
      if (db.open) db.close();
      seen.close();
    },
  };
}
