import { describe, expect, it } from "vitest";
import { collectionTerms } from "../../src/recommend/collection-terms.ts";
import { paperTerms, termSimilarity } from "../../src/recommend/lexical-ranking.ts";
import { MAX_NEAR, nearPapers } from "../../src/recommend/near-papers.ts";

describe("nearPapers", () => {
  it("names the nearest, and others close to it, nearest first", () => {
    expect(nearPapers(["a", "b", "c"], [0.41, 0.62, 0.6])).toEqual(["b", "c"]);
    expect(nearPapers(["a", "b"], [0.3, 0.3])).toEqual(["a", "b"]);
    expect(nearPapers(["a"], [-0.2])).toEqual(["a"]);
    expect(nearPapers([], [])).toEqual([]);
    const many = ["a", "b", "c", "d", "e"];
    expect(nearPapers(many, [0.5, 0.5, 0.5, 0.5, 0.5])).toHaveLength(MAX_NEAR);
  });
});

describe("collectionTerms", () => {
  it("puts the terms most papers share first, title words before abstract words", () => {
    const terms = collectionTerms([
      { title: "LightGCN", abstract: "Graph convolution for recommendation." },
      { title: "UltraGCN graph", abstract: "Simpler graph convolution for recommendation." },
    ]);
    expect(terms.slice(0, 3)).toEqual(["graph", "convolution", "recommendation"]);
    expect(terms).toContain("lightgcn");
    expect(
      collectionTerms([{ title: "LightGCN", abstract: "Graph convolution for recommendation." }]),
    ).toEqual(["lightgcn", "convolution", "graph", "recommendation"]);
  });

  it("keeps at most the limit", () => {
    const abstract = Array.from({ length: 100 }, (_, i) => `word${i}`).join(" ");
    expect(collectionTerms([{ title: "", abstract }], 24)).toHaveLength(24);
  });
});

describe("termSimilarity", () => {
  it("is the cosine of two papers' sets of terms", () => {
    const a = paperTerms({ title: "Graph networks", abstract: "On graphs." });
    expect(a).toEqual(new Set(["graph", "network"]));
    expect(termSimilarity(a, new Set(["graph"]))).toBeCloseTo(Math.SQRT1_2);
    expect(termSimilarity(a, new Set())).toBe(0);
  });
});
