import Database from "better-sqlite3";
import type { KeyedPaper, PaperWithSentences, SentenceData, StoredPaper } from "../paper-store.ts";
import { createRecentLookup } from "../recent-lookup.ts";
import { titleTermHashes } from "../sentence-terms.ts";

/** The columns a stored paper is read from (not its index-time sentence data or content hash). */
export const PAPER_COLUMNS =
  "row, id, title, abstract, authors, year, categories, doi, url, metadata, sentences";

interface PaperRow {
  row: number;
  id: string;
  title: string;
  abstract: string;
  authors: string | null;
  year: number | null;
  categories: string | null;
  doi: string | null;
  url: string | null;
  metadata: string | null;
  sentences: Buffer;
}

function offsetsOf(blob: Buffer): [number, number][] {
  const flat = new Uint32Array(
    blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength),
  );
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
  return pairs;
}

/** A row of the papers table as the paper it stores. */
function paperOfRow(row: PaperRow): StoredPaper {
  const paper: StoredPaper = {
    id: row.id,
    title: row.title,
    abstract: row.abstract,
    sentences: offsetsOf(row.sentences),
  };
  if (row.authors) paper.authors = JSON.parse(row.authors) as string[];
  if (row.year !== null) paper.year = row.year;
  if (row.categories) paper.categories = row.categories.trim().split(" ");
  if (row.doi) paper.doi = row.doi;
  if (row.url) paper.url = row.url;
  if (row.metadata) paper.metadata = JSON.parse(row.metadata) as Record<string, unknown>;
  return paper;
}

/**
 * Bytes of a finished papers file (and of a database attached to it) read through a memory map
 * instead of copies into SQLite's page cache: a search's statements then read the pages in place,
 * with no system call per page. Touched pages count in the server's resident memory (they are the
 * file's: shared, and dropped first under memory pressure), so the map is bounded: a small index
 * is mapped whole, a large one's first 256 MiB, at most 512 MiB for the two files.
 */
export const MAPPED_BYTES = 256 * 1024 * 1024;

/**
 * Opens a finished papers file read-only, memory-mapped (see `MAPPED_BYTES`).
 *
 * @example
 * const db = openPaperDatabase("index/gen-x/papers.sqlite");
 */
export function openPaperDatabase(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma("query_only = ON");
  db.pragma(`mmap_size = ${MAPPED_BYTES}`);
  return db;
}

/** A paper's row with its sentences' terms, roles and (when the cache holds them) vectors. */
type RowWithSentences = PaperRow & {
  sentence_terms: Buffer;
  sentence_roles: Buffer;
  sentence_vectors: Buffer | null;
};

function withSentencesOf(row: RowWithSentences): PaperWithSentences {
  const { sentence_terms: terms, sentence_roles: roles, sentence_vectors: vectors } = row;
  const sentences: SentenceData = {
    terms: new Uint32Array(
      terms.buffer.slice(terms.byteOffset, terms.byteOffset + terms.byteLength),
    ),
    roles: new Uint8Array(roles.buffer, roles.byteOffset, roles.byteLength),
    titleTerms: titleTermHashes(row.title),
  };
  if (vectors) {
    sentences.vectors = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
  }
  return { key: row.row, paper: paperOfRow(row), sentences };
}

/**
 * Papers with their sentence data remembered between questions (about 5–10 KB each): the papers
 * that answer recent questions come back often, parsed, without a statement.
 */
const REMEMBERED_PAPERS = 2000;

/** Reads papers from an open papers file, by row or by id, one statement per list. */
export interface PaperRows {
  count(): number;
  page(offset: number, limit: number): { id: string; title: string }[];
  byIds(ids: readonly string[]): KeyedPaper[];
  byRows(rows: readonly number[]): StoredPaper[];
  /** With sentence terms and roles, and vectors when an embedding cache is attached as `cache`. */
  withSentences(rows: readonly number[]): PaperWithSentences[];
}

/** Values of a list, for `IN (SELECT value FROM json_each(?))`. */
const listOf = (values: readonly (number | string)[]) => JSON.stringify(values);

/** Items found in a map, in the order of `keys`, unknown ones left out. */
function inOrder<K, V>(keys: readonly K[], found: ReadonlyMap<K, V | undefined>): V[] {
  return keys.flatMap((key) => {
    const value = found.get(key);
    return value === undefined ? [] : [value];
  });
}

/**
 * The statements that read papers; `withVectors` when the embedding cache is attached to the
 * connection as `cache` (so a result's paper and sentence data come in one statement).
 *
 * @example
 * const rows = createPaperRows(openPaperDatabase(file), false);
 * rows.byIds(["2401.00001"]);
 */
export function createPaperRows(db: Database.Database, withVectors: boolean): PaperRows {
  const count = db.prepare("SELECT count(*) FROM papers").pluck();
  const page = db.prepare("SELECT id, title FROM papers ORDER BY row LIMIT ? OFFSET ?");
  const byIds = db.prepare(
    `SELECT ${PAPER_COLUMNS} FROM papers WHERE id IN (SELECT value FROM json_each(?))`,
  );
  const byRows = db.prepare(
    `SELECT ${PAPER_COLUMNS} FROM papers WHERE row IN (SELECT value FROM json_each(?))`,
  );
  const withSentences = db.prepare(
    `SELECT ${PAPER_COLUMNS.replace(/(\w+)/g, "papers.$1")}, papers.sentence_terms, papers.sentence_roles, ${
      withVectors ? "cache.embeddings.sentences" : "NULL"
    } AS sentence_vectors FROM papers ${
      withVectors ? "LEFT JOIN cache.embeddings ON cache.embeddings.hash = papers.content_hash" : ""
    } WHERE papers.row IN (SELECT value FROM json_each(?))`,
  );
  const recent = createRecentLookup<number, PaperWithSentences | undefined>({
    lookUp: (rows) =>
      (withSentences.all(listOf(rows)) as RowWithSentences[]).map(
        (row) => [row.row, withSentencesOf(row)] as const,
      ),
    absent: undefined,
    capacity: REMEMBERED_PAPERS,
  });
  return {
    count: () => count.get() as number,
    page: (offset, limit) => page.all(limit, offset) as { id: string; title: string }[],
    byIds(ids) {
      const rows = byIds.all(listOf(ids)) as PaperRow[];
      const found = new Map(rows.map((row) => [row.id, { key: row.row, paper: paperOfRow(row) }]));
      return inOrder(ids, found);
    },
    byRows(rows) {
      const found = byRows.all(listOf(rows)) as PaperRow[];
      return inOrder(rows, new Map(found.map((row) => [row.row, paperOfRow(row)])));
    },
    withSentences: (rows) => inOrder(rows, recent.get(rows)),
  };
}
