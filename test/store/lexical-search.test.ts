import { readFileSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import type { PaperFilter } from "../../src/contract/paper-filter.ts";
import { tokenize } from "../../src/contract/tokenize.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";
import { loadFacetIndex } from "../../src/store/embedded/facet-index.ts";
import { createFtsPostings } from "../../src/store/embedded/fts-postings.ts";
import { createLexicalSearch, type Postings } from "../../src/store/embedded/lexical-search.ts";
import { INDEX_FILES, MANIFEST_FILE } from "../../src/store/embedded/manifest.ts";
import { loadMemoryPostings } from "../../src/store/embedded/memory-postings.ts";
import { openPaperDatabase } from "../../src/store/embedded/paper-rows.ts";
import { createPaperWriter } from "../../src/store/embedded/paper-writer.ts";
import { commonAbove, queryTerms } from "../../src/store/lexical-terms.ts";
import { packSentenceTerms } from "../../src/store/sentence-terms.ts";
import { writeArxivCorpus } from "../support/arxiv-corpus.ts";
import { tempDir } from "../support/tiny-index.ts";

const DOCS = [
  {
    title: "LightGCN for recommendation",
    abstract: "graph convolution simplified for recommendation",
  },
  { title: "Object detection", abstract: "feature pyramids for detection of objects in images" },
  { title: "Graph networks", abstract: "graph graph graph neural networks" },
];

/** A real papers file of `DOCS`, written as a build writes it. */
function papersFile(docs = DOCS): string {
  const path = join(tempDir(), "papers.sqlite");
  const writer = createPaperWriter(path);
  for (const [i, doc] of docs.entries()) {
    writer.add({
      paper: { id: `p${i}`, ...doc, sentences: [[0, doc.abstract.length]] },
      titleTerms: tokenize(doc.title),
      abstractTerms: tokenize(doc.abstract),
      sentenceTerms: packSentenceTerms([tokenize(doc.abstract)]),
      sentenceRoles: new Uint8Array(1),
      contentHash: `h${i}`,
    });
  }
  writer.finish();
  return path;
}

/** The two ways of reading an index's postings, over an open papers file of `count` papers. */
const BACKENDS: Record<string, (db: Database.Database, count: number) => Postings> = {
  FTS5: (db) => createFtsPostings(db),
  "postings in memory": (db, count) =>
    loadMemoryPostings(db, count, (filter) => loadFacetIndex(db, count).passes(filter)),
};

describe.each(Object.entries(BACKENDS))("lexical search over %s", (_, postingsOf) => {
  const lexical = createLexicalSearch(
    postingsOf(openPaperDatabase(papersFile()), DOCS.length),
    DOCS.length,
  );

  it("ranks papers by BM25: term weight and frequency, title words counting double", () => {
    expect(lexical.rank(tokenize("graph"), 10).bm25.rows).toEqual([2, 0]);
    expect(lexical.rank(tokenize("detection pyramids"), 10).bm25.rows).toEqual([1]);
    expect(lexical.rank(tokenize("nothing matches"), 10).bm25.rows).toEqual([]);
    const { scores } = lexical.rank(tokenize("graph recommendation"), 10).bm25;
    expect(scores[0]).toBeGreaterThan(scores[1]!);
  });

  it("takes query words as words, never as FTS5 syntax", () => {
    for (const text of ['graph" OR "x', "NEAR(graph", "title : graph", "graph*", "-graph", "AND"]) {
      expect(() => lexical.rank(tokenize(text), 10)).not.toThrow();
    }
    for (const term of ["constructor", "__proto__", "tostring"]) {
      expect(lexical.rank([term], 10).bm25.rows).toEqual([]);
      expect(lexical.rank([term], 10).rareTitles.rows).toEqual([]);
    }
  });

  it("ranks titles holding a rare query term", () => {
    expect(lexical.rank(tokenize("what is LightGCN"), 10).rareTitles.rows).toEqual([0]);
  });

  it("says how many papers hold each question term it knows, and of how many", () => {
    const { termStatistics } = lexical.rank(tokenize("graph recommendation unheard"), 10);
    expect(termStatistics).toEqual({
      docCount: 3,
      frequencies: [
        { term: "graph", docs: 2 },
        { term: "recommendation", docs: 1 },
      ],
    });
  });
});

describe("postings in memory", () => {
  let db: Database.Database;
  let count: number;
  let questions: string[];
  beforeAll(async () => {
    const { file, papers } = await writeArxivCorpus(tempDir());
    const indexDir = tempDir();
    await buildIndex({ corpusFiles: [file], indexDir });
    const { generation } = JSON.parse(readFileSync(join(indexDir, MANIFEST_FILE), "utf8"));
    db = openPaperDatabase(join(indexDir, generation, INDEX_FILES.papers));
    count = papers.length;
    const abstracts = db.prepare("SELECT abstract FROM papers").pluck().all() as string[];
    questions = [
      ...papers.map((paper) => paper.title),
      ...abstracts.map((abstract) => abstract.slice(0, 120)),
      "graph neural networks for recommendation",
      "LightGCN UltraGCN",
    ];
  });
  const FILTERS: (PaperFilter | undefined)[] = [
    undefined,
    { yearFrom: 2018 },
    { categories: ["cs.IR"] },
    { yearFrom: 2016, yearTo: 2019, categories: ["cs.CV", "stat.ML"] },
  ];

  it("score every paper as FTS5's bm25() does, with or without a filter", () => {
    const fts = createFtsPostings(db);
    const memory = loadMemoryPostings(db, count, (filter) =>
      loadFacetIndex(db, count).passes(filter),
    );
    const lexical = createLexicalSearch(fts, count);
    let compared = 0;
    for (const question of questions) {
      const terms = tokenize(question);
      const chosen = queryTerms(
        fts.frequencies(terms).map(({ term, body }) => ({ term, docs: body })),
        { budget: Number.POSITIVE_INFINITY, maxDocs: count },
      );
      expect(memory.frequencies(terms)).toEqual(fts.frequencies(terms));
      if (chosen.length === 0) continue;
      for (const filter of FILTERS) {
        // Every matching paper, then the best five: the same rows in the same order (equal
        // scores lower row first), the same scores.
        for (const limit of [count, 5]) {
          const expected = fts.bm25(chosen, limit, filter);
          const got = memory.bm25(chosen, limit, filter);
          expect(got.rows).toEqual(expected.rows);
          got.scores.forEach((score, i) => {
            expect(score).toBeCloseTo(expected.scores[i]!, 12);
          });
          compared += expected.rows.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    // Through the whole lexical search: the same rankings, title terms included.
    const inMemory = createLexicalSearch(memory, count);
    for (const question of questions) {
      for (const filter of FILTERS) {
        const want = lexical.rank(tokenize(question), 10, filter);
        const got = inMemory.rank(tokenize(question), 10, filter);
        expect(got.rareTitles).toEqual(want.rareTitles);
        // A term's statistics are the whole index's, whatever the filter.
        expect(got.termStatistics).toEqual(lexical.rank(tokenize(question), 10).termStatistics);
        expect(got.bm25.rows).toEqual(want.bm25.rows);
        got.bm25.scores.forEach((score, i) => {
          expect(score).toBeCloseTo(want.bm25.scores[i]!, 12);
        });
      }
    }
  });

  it("leave the papers file query-only, with no table of their own", () => {
    const tables = () => db.prepare("SELECT name FROM temp.sqlite_master").pluck().all();
    const before = tables();
    loadMemoryPostings(db, count, () => () => true);
    expect(tables()).toEqual(before);
    expect(db.pragma("query_only", { simple: true })).toBe(1);
    expect(() => db.exec("CREATE TEMP TABLE scratch (x)")).toThrow(/readonly|read-only/i);
  });

  it("refuse a full-text index that names rows past the papers", () => {
    expect(() => loadMemoryPostings(db, count - 1, () => () => true)).toThrow(/past the/);
    expect(db.pragma("query_only", { simple: true })).toBe(1);
  });
});

describe("term frequencies counted at build time", () => {
  it("equal what FTS5's vocabulary counts, for the body and for titles", () => {
    const db = openPaperDatabase(papersFile());
    const counted = db.prepare("SELECT term, body, title FROM terms ORDER BY term").all();
    const fromFts = db
      .prepare(
        `SELECT term, coalesce(sum(CASE WHEN col = 'body' THEN doc END), 0) AS body,
                coalesce(sum(CASE WHEN col = 'title' THEN doc END), 0) AS title
         FROM fts_columns GROUP BY term ORDER BY term`,
      )
      .all();
    expect(counted).toEqual(fromFts);
    expect(counted).toContainEqual({ term: "graph", body: 2, title: 1 });
  });
});

describe("queryTerms", () => {
  const frequencies = [
    { term: "the", docs: 900 },
    { term: "graph", docs: 40 },
    { term: "lightgcn", docs: 2 },
    { term: "unknown", docs: 0 },
  ];

  it("keeps the rarest terms within the posting budget, always at least one", () => {
    expect(queryTerms(frequencies, { budget: 50, maxDocs: 1000 })).toEqual(["lightgcn", "graph"]);
    expect(queryTerms(frequencies, { budget: 10, maxDocs: 1000 })).toEqual(["lightgcn"]);
    expect(queryTerms([{ term: "the", docs: 900 }], { budget: 10, maxDocs: 1000 })).toEqual([
      "the",
    ]);
    expect(queryTerms([{ term: "unknown", docs: 0 }], { budget: 10, maxDocs: 1000 })).toEqual([]);
  });

  it("never ranks by a term too common to tell papers apart", () => {
    expect(queryTerms(frequencies, { budget: 5000, maxDocs: 100 })).toEqual(["lightgcn", "graph"]);
    expect(queryTerms([{ term: "the", docs: 900 }], { budget: 5000, maxDocs: 100 })).toEqual([]);
  });

  it("calls a term common only past 1% of a large corpus", () => {
    expect(commonAbove(70)).toBe(5000);
    expect(commonAbove(400_000)).toBe(5000);
    expect(commonAbove(1_000_000)).toBe(10_000);
  });
});
