import { copyFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PaperFilter } from "../../src/contract/paper-filter.ts";
import { tokenize } from "../../src/contract/tokenize.ts";
import { DEFAULT_NEAREST_LIMITS, planNearest } from "../../src/search/plan-nearest.ts";
import { createSearchEngine, type SearchEngine } from "../../src/search/search-engine.ts";
import { loadFacetIndex } from "../../src/store/embedded/facet-index.ts";
import { INDEX_FILES } from "../../src/store/embedded/manifest.ts";
import type { EmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import type { PaperKey, StoredPaper } from "../../src/store/paper-store.ts";
import { FIRST_YEAR, writeArxivCorpus, YEAR_SPAN } from "../support/arxiv-corpus.ts";
import { buildTinyIndex, papersOf, tempDir } from "../support/tiny-index.ts";

let store: EmbeddedStore;
/** The same index, ranked lexically through FTS5 on disk instead of postings in memory. */
let ftsStore: EmbeddedStore;
let engine: SearchEngine;
/** Papers in row order: a ranking's keys are their rows. */
let papers: StoredPaper[];
let vectors: Float32Array[];

/** Written here, independently of the store: does a paper pass the filter? */
function passes(paper: StoredPaper, filter: PaperFilter): boolean {
  if (filter.yearFrom !== undefined && (paper.year ?? -1) < filter.yearFrom) return false;
  if (filter.yearTo !== undefined && (paper.year ?? Infinity) > filter.yearTo) return false;
  const wanted = filter.categories ?? [];
  return wanted.length === 0 || wanted.some((name) => paper.categories?.includes(name));
}

const FILTERS: PaperFilter[] = [
  { yearFrom: 2018, yearTo: 2019 },
  { categories: ["cs.IR"] },
  { categories: ["cs.CV", "stat.ML"], yearFrom: 2020 },
  { yearTo: FIRST_YEAR },
  { categories: ["cs.LG"] },
];
const QUESTIONS = [
  "graph convolution for recommendation",
  "bayesian neural networks",
  "diffusion models for images",
  "concept bottleneck models",
];

beforeAll(async () => {
  const { file } = await writeArxivCorpus(tempDir());
  const built = await buildTinyIndex([file]);
  store = await openEmbeddedStore(built.indexDir, { encoder: built.embedder });
  ftsStore = await openEmbeddedStore(built.indexDir, {
    encoder: built.embedder,
    memoryPostingsMaxPapers: 0,
  });
  engine = createSearchEngine({ store, embedder: built.embedder });
  papers = await papersOf(store);
  vectors = (await store.paperVectors(papers.map((_, row) => row))) as Float32Array[];
});

afterAll(async () => {
  for (const opened of [store, ftsStore]) await opened.close();
});

const passing = (filter: PaperFilter) =>
  new Set(papers.filter((paper) => passes(paper, filter)).map((paper) => paper.id));
const idsOf = (keys: readonly PaperKey[]) => keys.map((key) => papers[key as number]!.id);

describe("store filters", () => {
  it("reports the corpus's facets: its year range and categories by frequency", async () => {
    const facets = await store.facets();
    expect(facets.years).toEqual({ min: FIRST_YEAR, max: FIRST_YEAR + YEAR_SPAN - 1 });
    const counts = facets.categories!.map((category) => category.papers);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const { name, papers: count } of facets.categories!) {
      expect(count).toBe(papers.filter((paper) => paper.categories?.includes(name)).length);
    }
  });

  it("reads years and categories as the build wrote them, or by scanning a papers file without them", async () => {
    const written = join(store.info.location, store.manifest.generation, INDEX_FILES.papers);
    const older = join(tempDir(), "papers.sqlite");
    copyFileSync(written, older);
    const db = new Database(older);
    db.exec("DROP TABLE paper_years; DROP TABLE paper_categories;");
    const scanned = loadFacetIndex(db, papers.length);
    const stored = loadFacetIndex(new Database(written, { readonly: true }), papers.length);
    expect(scanned.facets).toEqual(await store.facets());
    expect(stored.facets).toEqual(await store.facets());
    for (const filter of FILTERS) {
      const expected = papers.map((paper) => passes(paper, filter));
      for (const index of [scanned, stored]) {
        const test = index.passes(filter);
        expect(papers.map((_, row) => test(row))).toEqual(expected);
      }
    }
  });

  it("lexical and title rankings under a filter are the unfiltered ones restricted to passing papers, in memory and through FTS5", async () => {
    for (const filter of FILTERS) {
      const allowed = passing(filter);
      expect(allowed.size).toBeGreaterThan(0);
      expect(allowed.size).toBeLessThan(papers.length);
      for (const question of [...QUESTIONS, "LightGCN UltraGCN CatGCN"]) {
        const terms = tokenize(question);
        for (const searched of [store, ftsStore]) {
          for (const rank of ["bm25", "rareTitles"] as const) {
            const whole = idsOf((await searched.lexical(terms, papers.length))[rank].keys).filter(
              (id) => allowed.has(id),
            );
            const filtered = idsOf((await searched.lexical(terms, 5, filter))[rank].keys);
            expect(filtered, `${rank} "${question}" ${JSON.stringify(filter)}`).toEqual(
              whole.slice(0, 5),
            );
          }
        }
      }
    }
  });

  it("nearest under a filter finds the passing papers an exact scan ranks first (scanning few, or through the graph)", async () => {
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
    for (const filter of FILTERS) {
      const allowed = passing(filter);
      const among = await planNearest(store, filter, DEFAULT_NEAREST_LIMITS);
      expect(among && idsOf(among as PaperKey[]).sort()).toEqual([...allowed].sort());
      for (let row = 0; row < 10; row++) {
        const vector = vectors[row]!;
        const exact = papers
          .map((paper, other) => ({ id: paper.id, other, score: dot(vector, vectors[other]!) }))
          .filter(({ id, other }) => allowed.has(id) && other !== row)
          .sort((a, b) => b.score - a.score);
        // As planned (few pass: scored exactly), and through the graph with the filter.
        for (const plan of [among, undefined]) {
          const query = { vector, limit: 3, exclude: row, filter, among: plan };
          const found = await store.nearest(query);
          expect(idsOf(found.keys)[0]).toBe(exact[0]!.id);
          expect(new Set(idsOf(found.keys))).toEqual(new Set(exact.slice(0, 3).map((h) => h.id)));
          expect(found.scores[0]).toBeCloseTo(exact[0]!.score, 4);
        }
      }
    }
  });

  it("search and similar papers return only papers that pass, the best passing one first", async () => {
    for (const filter of FILTERS) {
      const allowed = passing(filter);
      for (const question of QUESTIONS) {
        const results = await engine.searchPapers(question, 5, filter);
        expect(results.length).toBeGreaterThan(0);
        for (const result of results) expect(allowed.has(result.id)).toBe(true);
        const unfiltered = await engine.searchPapers(question, 1);
        if (allowed.has(unfiltered[0]!.id)) expect(results[0]!.id).toBe(unfiltered[0]!.id);
      }
      const similar = (await engine.similarPapers(papers[0]!.id, 5, filter))!;
      expect(similar.results.length).toBeGreaterThan(0);
      for (const result of similar.results) expect(allowed.has(result.id)).toBe(true);
    }
  });

  it("a category no paper has, or a year range with no papers, finds nothing", async () => {
    expect(await engine.searchPapers("graph convolution", 5, { categories: ["q-bio.NC"] })).toEqual(
      [],
    );
    expect(
      await engine.searchPapers("graph convolution", 5, { yearFrom: 1990, yearTo: 1999 }),
    ).toEqual([]);
  });
});
