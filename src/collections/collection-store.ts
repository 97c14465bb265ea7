import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { collectionNameProblem } from "../contract/collection-name.ts";
import { CollectionError, collectionNotFound } from "./collection-error.ts";

export interface CollectionStoreOptions {
  /** Most collections (default `MAX_COLLECTIONS`). */
  maxCollections?: number;
  /** Most papers in one collection (default `MAX_COLLECTION_PAPERS`). */
  maxPapers?: number;
}

/** A paper as a collection keeps it: its id, and its title when it was added. */
export interface CollectedPaper {
  id: string;
  title: string;
}

/** A collection's name and how many papers it holds. */
export interface CollectionSummary {
  name: string;
  papers: number;
}

/** A collection with its papers, in the order they were added. */
export interface StoredCollection {
  name: string;
  papers: CollectedPaper[];
}

/**
 * Named collections of paper ids in a SQLite file of their own. Every change is one
 * transaction (WAL, synchronous=FULL): a crash leaves each change done or not done.
 * Names are case-sensitive; a paper is in a collection at most once.
 */
export interface CollectionStore {
  readonly file: string;
  /** Every collection by name (in code-point order), with its number of papers. */
  list(): CollectionSummary[];
  /** Throws `collection-exists` when the name is taken. */
  create(name: string): CollectionSummary;
  /** Whether there is a collection of that name. */
  has(name: string): boolean;
  /** Undefined when there is no such collection. */
  get(name: string): StoredCollection | undefined;
  /** Throws `collection-not-found`, or `collection-exists` when `to` is another's name. */
  rename(from: string, to: string): CollectionSummary;
  /** Throws `collection-not-found`. */
  delete(name: string): void;
  /**
   * Adds papers not already in it, at its end, all or none; returns how many it added and
   * holds now. Throws `collection-not-found`, or `collection-full` beyond `maxPapers`.
   */
  addPapers(name: string, papers: readonly CollectedPaper[]): { added: number; papers: number };
  /** False when the paper was not in it. Throws `collection-not-found`. */
  removePaper(name: string, id: string): boolean;
  close(): void;
}

/** Most collections one file holds. */
export const MAX_COLLECTIONS = 1000;
/** Most papers one collection holds. */
export const MAX_COLLECTION_PAPERS = 10_000;
/** The layout this code writes; a file of a later layout is refused rather than misread. */
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS collections (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS collection_papers (
  position INTEGER PRIMARY KEY,
  collection INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  paper TEXT NOT NULL,
  title TEXT NOT NULL,
  UNIQUE (collection, paper)
);
`;

const exists = (name: string) =>
  new CollectionError(
    "collection-exists",
    `A collection named "${name}" already exists. Pick another name, or add papers to it.`,
  );

function checkedName(name: string): string {
  const problem = collectionNameProblem(name);
  if (problem) {
    throw new CollectionError("invalid-collection-name", `A collection name ${problem}.`);
  }
  return name;
}

function openDatabase(file: string): Database.Database {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      db.close();
      throw new Error(`it was written by a later paperchat (layout ${version})`);
    }
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return db;
  } catch (cause) {
    throw new CollectionError(
      "collections-unreadable",
      `The collections file ${file} cannot be used (${(cause as Error).message}). Move it aside to start with no collections, or point PAPERCHAT_COLLECTIONS at another file.`,
      { cause },
    );
  }
}

/**
 * Opens (creating when needed) the collections file at `file`.
 *
 * @example
 * const collections = openCollectionStore("index/collections.sqlite");
 * collections.create("Reading list");
 * collections.addPapers("Reading list", [{ id: "math/0501001", title: "Counting lattice paths" }]);
 */
export function openCollectionStore(
  file: string,
  options: CollectionStoreOptions = {},
): CollectionStore {
  const maxCollections = options.maxCollections ?? MAX_COLLECTIONS;
  const maxPapers = options.maxPapers ?? MAX_COLLECTION_PAPERS;
  const db = openDatabase(file);
  const idOf = db.prepare("SELECT id FROM collections WHERE name = ?").pluck();
  const countOf = db.prepare("SELECT count(*) FROM collection_papers WHERE collection = ?").pluck();
  const summaries = db.prepare(
    `SELECT name, (SELECT count(*) FROM collection_papers WHERE collection = collections.id) AS papers
     FROM collections ORDER BY name`,
  );
  const collectionCount = db.prepare("SELECT count(*) FROM collections").pluck();
  const insert = db.prepare("INSERT INTO collections (name) VALUES (?)");
  const renameRow = db.prepare("UPDATE collections SET name = ? WHERE id = ?");
  const deleteRow = db.prepare("DELETE FROM collections WHERE id = ?");
  const papersOf = db.prepare(
    "SELECT paper AS id, title FROM collection_papers WHERE collection = ? ORDER BY position",
  );
  const addPaper = db.prepare(
    "INSERT OR IGNORE INTO collection_papers (collection, paper, title) VALUES (?, ?, ?)",
  );
  const removeRow = db.prepare("DELETE FROM collection_papers WHERE collection = ? AND paper = ?");

  const existing = (name: string): number => {
    const id = idOf.get(name) as number | undefined;
    if (id === undefined) throw collectionNotFound(name);
    return id;
  };

  return {
    file,
    list: () => summaries.all() as CollectionSummary[],
    create: db.transaction((name: string) => {
      checkedName(name);
      if (idOf.get(name) !== undefined) throw exists(name);
      if ((collectionCount.get() as number) >= maxCollections) {
        throw new CollectionError(
          "collection-full",
          `There are already ${maxCollections} collections, the most one file keeps. Delete one first.`,
        );
      }
      insert.run(name);
      return { name, papers: 0 };
    }),
    has: (name) => idOf.get(name) !== undefined,
    get(name) {
      const id = idOf.get(name) as number | undefined;
      if (id === undefined) return undefined;
      return { name, papers: papersOf.all(id) as CollectedPaper[] };
    },
    rename: db.transaction((from: string, to: string) => {
      const id = existing(from);
      checkedName(to);
      const holder = idOf.get(to) as number | undefined;
      if (holder !== undefined && holder !== id) throw exists(to);
      renameRow.run(to, id);
      return { name: to, papers: countOf.get(id) as number };
    }),
    delete: db.transaction((name: string) => {
      deleteRow.run(existing(name));
    }),
    addPapers: db.transaction((name: string, papers: readonly CollectedPaper[]) => {
      const id = existing(name);
      let added = 0;
      for (const paper of papers) added += addPaper.run(id, paper.id, paper.title).changes;
      const count = countOf.get(id) as number;
      if (count > maxPapers) {
        // Thrown inside the transaction: it rolls back, nothing is added.
        throw new CollectionError(
          "collection-full",
          `"${name}" would hold more than ${maxPapers} papers, the most a collection keeps. Start another collection.`,
        );
      }
      return { added, papers: count };
    }),
    removePaper: db.transaction(
      (name: string, paper: string) => removeRow.run(existing(name), paper).changes > 0,
    ),
    close: () => db.close(),
  };
}
