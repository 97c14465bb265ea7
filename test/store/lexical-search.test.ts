import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/contract/tokenize.ts";
import { commonAbove, createLexicalSearch, queryTerms } from "../../src/store/lexical-search.ts";
import { createPaperWriter, openPaperDatabase } from "../../src/store/paper-database.ts";
import { packSentenceTerms } from "../../src/store/sentence-terms.ts";
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
      contentHash: `h${i}`,
    });
  }
  writer.finish();
  return path;
}

/** A papers file of `DOCS`, opened for lexical search. */
function lexicalOver(docs = DOCS) {
  return createLexicalSearch(openPaperDatabase(papersFile(docs)), docs.length);
}

describe("lexical search over FTS5", () => {
  const lexical = lexicalOver();

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
