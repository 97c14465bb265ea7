import type Database from "better-sqlite3";
import type { PaperFilter } from "../../contract/paper-filter.ts";
import type { Facets } from "../../contract/starters.ts";
import { FACET_CATEGORIES } from "../store-limits.ts";

/** The years and categories of every paper, by row (= HNSW label), held in memory. */
export interface FacetIndex {
  readonly facets: Facets;
  /** A test of one row against the filter, fast enough for HNSW's filter callback. */
  passes(filter: PaperFilter): (row: number) => boolean;
  /** The rows that pass, when there are at most `max` of them; undefined when there are more. */
  rowsPassing(filter: PaperFilter, max: number): number[] | undefined;
}

/** Gathers rows' years and categories as they are added, into compact arrays. */
export interface FacetCollector {
  add(row: number, year: number | undefined, categories: readonly string[] | undefined): void;
  /** Writes what was gathered into the papers file (tables `paper_years`, `paper_categories`). */
  write(db: Database.Database): void;
  /** The facet index of the rows added, for `count` rows. */
  index(count: number): FacetIndex;
}

/** An array of at least `length` elements holding `array`'s (grown by doubling). */
function grown<T extends Uint16Array | Uint32Array>(array: T, length: number): T {
  if (array.length >= length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(
    Math.max(length, 2 * array.length),
  );
  bigger.set(array);
  return bigger;
}

const asBlob = (array: Uint16Array | Uint32Array) =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength);

/**
 * Collects a Uint16Array of years by row (0 = none) and one bitset of rows per category: a
 * million papers take 2 MB of years and 125 kB per category.
 *
 * @example
 * const collector = createFacetCollector();
 * collector.add(0, 2024, ["cs.LG"]);
 * collector.write(db);
 */
export function createFacetCollector(): FacetCollector {
  let years = new Uint16Array(1024);
  const bitsets = new Map<string, { papers: number; bits: Uint32Array }>();
  let rows = 0;
  return {
    add(row, year, categories) {
      rows = Math.max(rows, row + 1);
      if (year !== undefined) {
        years = grown(years, row + 1);
        years[row] = year;
      }
      for (const name of new Set(categories)) {
        const entry = bitsets.get(name) ?? { papers: 0, bits: new Uint32Array(32) };
        entry.bits = grown(entry.bits, (row >>> 5) + 1);
        entry.bits[row >>> 5]! |= 1 << (row & 31);
        entry.papers += 1;
        bitsets.set(name, entry);
      }
    },
    write(db) {
      db.exec(`CREATE TABLE paper_years (years BLOB NOT NULL);
        CREATE TABLE paper_categories (name TEXT PRIMARY KEY, papers INTEGER NOT NULL, rows BLOB NOT NULL);`);
      db.prepare("INSERT INTO paper_years (years) VALUES (?)").run(asBlob(years.subarray(0, rows)));
      const insert = db.prepare(
        "INSERT INTO paper_categories (name, papers, rows) VALUES (?, ?, ?)",
      );
      for (const [name, { papers, bits }] of bitsets) {
        insert.run(name, papers, asBlob(bits.subarray(0, Math.ceil(rows / 32))));
      }
    },
    index: (count) => facetIndexOf(grown(years, count), bitsets, count),
  };
}

/** Copies a blob into an array of its own (SQLite's buffer may be unaligned and is reused). */
function arrayOf<T extends Uint16Array | Uint32Array>(
  blob: Buffer,
  Type: new (buffer: ArrayBuffer) => T,
): T {
  return new Type(Uint8Array.from(blob).buffer);
}

/**
 * Reads the years and categories of a papers file: the arrays its build wrote (a few blobs), or,
 * for a file written before they were, by scanning every paper once.
 *
 * @example
 * const facets = loadFacetIndex(db, store.count);
 * hnsw.searchKnn(query, 10, facets.passes({ yearFrom: 2020 }));
 */
export function loadFacetIndex(db: Database.Database, count: number): FacetIndex {
  const stored = db
    .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'paper_years'")
    .pluck()
    .get();
  if (!stored) {
    const collector = createFacetCollector();
    const rows = db.prepare("SELECT row, year, categories FROM papers").raw();
    for (const [row, year, categories] of rows.iterate() as Iterable<
      [number, number | null, string | null]
    >) {
      collector.add(row, year ?? undefined, categories?.trim().split(" "));
    }
    return collector.index(count);
  }
  const years = arrayOf(
    db.prepare("SELECT years FROM paper_years").pluck().get() as Buffer,
    Uint16Array,
  );
  const bitsets = new Map<string, { papers: number; bits: Uint32Array }>();
  const categories = db.prepare("SELECT name, papers, rows FROM paper_categories").raw();
  for (const [name, papers, rows] of categories.iterate() as Iterable<[string, number, Buffer]>) {
    bitsets.set(name, { papers, bits: arrayOf(rows, Uint32Array) });
  }
  return facetIndexOf(grown(years, count), bitsets, count);
}

/** The facet index over years by row and category bitsets. */
function facetIndexOf(
  years: Uint16Array,
  bitsets: ReadonlyMap<string, { papers: number; bits: Uint32Array }>,
  count: number,
): FacetIndex {
  let minYear = Number.POSITIVE_INFINITY;
  let maxYear = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < count; row++) {
    const year = years[row]!;
    if (year === 0) continue;
    if (year < minYear) minYear = year;
    if (year > maxYear) maxYear = year;
  }
  const facets: Facets = {};
  if (minYear <= maxYear) facets.years = { min: minYear, max: maxYear };
  if (bitsets.size > 0) {
    facets.categories = [...bitsets]
      .map(([name, { papers }]) => ({ name, papers }))
      .sort((a, b) => b.papers - a.papers || (a.name < b.name ? -1 : 1))
      .slice(0, FACET_CATEGORIES);
  }

  const passes = (filter: PaperFilter) => {
    const from = filter.yearFrom ?? 0;
    const to = filter.yearTo ?? Number.POSITIVE_INFINITY;
    const byYear = filter.yearFrom !== undefined || filter.yearTo !== undefined;
    const sets = filter.categories?.length
      ? filter.categories.flatMap((name) => bitsets.get(name)?.bits ?? [])
      : undefined;
    return (row: number) => {
      if (byYear) {
        const year = years[row]!;
        if (year === 0 || year < from || year > to) return false;
      }
      if (sets === undefined) return true;
      const word = row >>> 5;
      const bit = 1 << (row & 31);
      return sets.some((bits) => ((bits[word] ?? 0) & bit) !== 0);
    };
  };

  return {
    facets,
    passes,
    rowsPassing(filter, max) {
      const test = passes(filter);
      const found: number[] = [];
      for (let row = 0; row < count; row++) {
        if (!test(row)) continue;
        if (found.length === max) return undefined;
        found.push(row);
      }
      return found;
    },
  };
}
