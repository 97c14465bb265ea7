import type Database from "better-sqlite3";
import type { PaperFilter } from "./paper-filter.ts";

/** What a corpus can be filtered by; a field is absent when no paper has it. */
export interface Facets {
  /** The earliest and latest year of the papers that have one. */
  years?: { min: number; max: number };
  /** The most frequent categories, most papers first (ties by name). */
  categories?: { name: string; papers: number }[];
}

/** The years and categories of every paper, by row (= HNSW label), held in memory. */
export interface FacetIndex {
  readonly facets: Facets;
  /** A test of one row against the filter, fast enough for HNSW's filter callback. */
  passes(filter: PaperFilter): (row: number) => boolean;
  /** The rows that pass, when there are at most `max` of them; undefined when there are more. */
  rowsPassing(filter: PaperFilter, max: number): number[] | undefined;
}

/** Categories `facets` lists at most. */
export const FACET_CATEGORIES = 50;

/**
 * Reads every paper's year and categories once into compact arrays: a Uint16Array of years
 * (0 = none) and one bitset per category (a million papers: 2 MB of years and 125 kB per
 * category). Filters then test a row with two array reads, without SQLite.
 *
 * @example
 * const facets = loadFacetIndex(db, store.count);
 * hnsw.searchKnn(query, 10, facets.passes({ yearFrom: 2020 }));
 */
export function loadFacetIndex(db: Database.Database, count: number): FacetIndex {
  const years = new Uint16Array(count);
  const bitsets = new Map<string, Uint32Array>();
  const sizes = new Map<string, number>();
  const words = Math.ceil(count / 32);
  let minYear = Number.POSITIVE_INFINITY;
  let maxYear = Number.NEGATIVE_INFINITY;
  const rows = db.prepare("SELECT row, year, categories FROM papers").raw();
  for (const [row, year, categories] of rows.iterate() as Iterable<
    [number, number | null, string | null]
  >) {
    if (year !== null) {
      years[row] = year;
      minYear = Math.min(minYear, year);
      maxYear = Math.max(maxYear, year);
    }
    if (!categories) continue;
    for (const name of new Set(categories.trim().split(" "))) {
      const bits = bitsets.get(name) ?? new Uint32Array(words);
      bitsets.set(name, bits);
      bits[row >>> 5]! |= 1 << (row & 31);
      sizes.set(name, (sizes.get(name) ?? 0) + 1);
    }
  }
  const facets: Facets = {};
  if (minYear <= maxYear) facets.years = { min: minYear, max: maxYear };
  if (sizes.size > 0) {
    facets.categories = [...sizes]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, FACET_CATEGORIES)
      .map(([name, papers]) => ({ name, papers }));
  }

  const passes = (filter: PaperFilter) => {
    const from = filter.yearFrom ?? 0;
    const to = filter.yearTo ?? Number.POSITIVE_INFINITY;
    const byYear = filter.yearFrom !== undefined || filter.yearTo !== undefined;
    const sets = filter.categories?.length
      ? filter.categories.flatMap((name) => bitsets.get(name) ?? [])
      : undefined;
    return (row: number) => {
      if (byYear) {
        const year = years[row]!;
        if (year === 0 || year < from || year > to) return false;
      }
      if (sets === undefined) return true;
      const word = row >>> 5;
      const bit = 1 << (row & 31);
      return sets.some((bits) => (bits[word]! & bit) !== 0);
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
