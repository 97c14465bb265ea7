import { describe, expect, it } from "vitest";
import {
  bm25Query,
  bm25RankingOf,
  hitId,
  nearestQuery,
  rareTitlesQuery,
  termCountsBody,
  termCountsOf,
} from "../../../src/store/opensearch/paper-queries.ts";

describe("term counts from one _termvectors request", () => {
  it("asks for the document frequencies of the question's terms in the body and the title", () => {
    expect(termCountsBody(["graph", "lightgcn"])).toMatchObject({
      doc: { body_terms: "graph lightgcn", title_terms: "graph lightgcn" },
      fields: ["body_terms", "title_terms"],
      term_statistics: true,
    });
  });

  it("reads each term's counts, 0 where no paper holds it or a field is absent", () => {
    const reply = {
      term_vectors: {
        body_terms: { terms: { graph: { doc_freq: 12 }, zzz: {} } },
        title_terms: { terms: { graph: { doc_freq: 8 } } },
      },
    };
    expect(termCountsOf(reply, ["graph", "zzz", "missing"])).toEqual([
      { term: "graph", body: 12, title: 8 },
      { term: "zzz", body: 0, title: 0 },
      { term: "missing", body: 0, title: 0 },
    ]);
    expect(termCountsOf({}, ["graph"])).toEqual([{ term: "graph", body: 0, title: 0 }]);
  });
});

describe("BM25 ranked by score alone, ties put in row order", () => {
  const reply = (hits: [string, number, number][]) => ({
    hits: {
      hits: hits.map(([id, score, row]) => ({ _score: score, fields: { id: [id], row: [row] } })),
    },
  });

  it("asks for one paper more than the limit, with rows and no total, unsorted", () => {
    const query = bm25Query(["graph"], 50, { yearFrom: 2020 }) as Record<string, unknown>;
    expect(query).toMatchObject({
      size: 51,
      docvalue_fields: ["id", "row"],
      track_total_hits: false,
    });
    expect(query.sort).toBeUndefined();
    expect(bm25Query(["graph"], 50, undefined, true)).toMatchObject({
      size: 50,
      sort: [{ _score: "desc" }, { row: "asc" }],
    });
  });

  it("keeps the best `limit`, papers of equal score in row order", () => {
    const ranked = bm25RankingOf(
      reply([
        ["a", 3, 9],
        ["b", 2, 7],
        ["c", 2, 4],
        ["d", 1, 0],
      ]),
      3,
    );
    expect(ranked).toEqual({ keys: ["a", "c", "b"], scores: [3, 2, 2] });
    expect(bm25RankingOf(reply([["a", 3, 9]]), 3)).toEqual({ keys: ["a"], scores: [3] });
  });

  it("gives up when a tie reaches the cut: lucene chose among the tied papers by index order", () => {
    const tiedAtCut = reply([
      ["a", 3, 9],
      ["b", 2, 7],
      ["c", 2, 4],
    ]);
    expect(bm25RankingOf(tiedAtCut, 2)).toBeUndefined();
  });
});

describe("ranking searches", () => {
  it.each([
    ["nearest", nearestQuery(new Float32Array([1, 0]), 50, 100)],
    ["BM25", bm25Query(["graph"], 50)],
    ["BM25 in row order", bm25Query(["graph"], 50, undefined, true)],
    ["rare titles", rareTitlesQuery([{ term: "lightgcn", weight: 3.9 }], 50)],
  ])("%s reads paper ids from doc values and loads no stored field", (_, query) => {
    expect(query).toMatchObject({ stored_fields: "_none_" });
    expect((query as { docvalue_fields: string[] }).docvalue_fields).toContain("id");
  });

  it("take a hit's paper id from its doc values", () => {
    expect(hitId({ _score: 1, fields: { id: ["2401.00001"] } })).toBe("2401.00001");
  });
});
