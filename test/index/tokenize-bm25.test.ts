import { describe, expect, it } from "vitest";
import {
  bm25Data,
  bm25FromData,
  buildBm25,
  rankTitleMatches,
  searchBm25,
} from "../../src/index/bm25.ts";
import { tokenize } from "../../src/index/tokenize.ts";

describe("tokenize", () => {
  it("lower-cases, folds accents and plurals, drops stopwords, keeps acronyms whole", () => {
    expect(tokenize("The Networks of TabPFN and Gödel’s studies")).toEqual([
      "network",
      "tabpfn",
      "godel",
      "study",
    ]);
  });

  it("drops the lone letters of possessives and contractions, keeps digits", () => {
    expect(tokenize("What's the model's E(3) state? Don't")).toEqual([
      "model",
      "3",
      "state",
      "don",
    ]);
  });

  it("splits hyphenated words and also keeps them joined", () => {
    expect(tokenize("cross-scale shift")).toEqual(["cross", "scale", "crossscale", "shift"]);
  });
});

describe("BM25", () => {
  const docs = [
    {
      title: "LightGCN for recommendation",
      body: "graph convolution simplified for recommendation",
    },
    { title: "Object detection", body: "feature pyramids for detection of objects in images" },
    { title: "Graph networks", body: "graph graph graph neural networks" },
  ];
  const bm25 = buildBm25(docs);

  it("ranks documents by term weight and frequency", () => {
    expect(searchBm25(bm25, tokenize("graph"), 10).docs).toEqual([2, 0]);
    expect(searchBm25(bm25, tokenize("detection pyramids"), 10).docs).toEqual([1]);
    expect(searchBm25(bm25, tokenize("nothing matches"), 10).docs).toEqual([]);
  });

  it("survives a JSON round trip (it is stored as JSON)", () => {
    const copy = bm25FromData(JSON.parse(JSON.stringify(bm25Data(bm25))));
    expect(searchBm25(copy, tokenize("graph recommendation"), 10)).toEqual(
      searchBm25(bm25, tokenize("graph recommendation"), 10),
    );
  });

  it("writes no in-memory lookup to disk", () => {
    expect(Object.keys(JSON.parse(JSON.stringify(bm25Data(bm25)))).sort()).toEqual([
      "avgLength",
      "docCount",
      "lengths",
      "postings",
      "terms",
      "titleDocs",
    ]);
  });

  it("finds nothing for names of Object.prototype members once read back from JSON", () => {
    const copy = bm25FromData(JSON.parse(JSON.stringify(bm25Data(bm25))));
    for (const term of ["constructor", "__proto__", "tostring", "hasownproperty"]) {
      expect(searchBm25(copy, [term], 10).docs).toEqual([]);
      expect(rankTitleMatches(copy, [term], 10).docs).toEqual([]);
    }
  });

  it("ranks titles holding a rare query term", () => {
    expect(rankTitleMatches(bm25, tokenize("what is LightGCN"), 10).docs).toEqual([0]);
  });
});
