import { describe, expect, it } from "vitest";
import { termCountsBody, termCountsOf } from "../../../src/store/opensearch/paper-queries.ts";

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
