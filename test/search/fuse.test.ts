import { describe, expect, it } from "vitest";
import { fuseScores, LEAST_FUSED_SCORE } from "../../src/search/fuse.ts";
import { minMax } from "../../src/search/min-max.ts";
import { FUSION_WEIGHTS } from "../../src/search/search-engine.ts";

describe("minMax", () => {
  it("places each value between the smallest (0) and the largest (1)", () => {
    expect(Array.from(minMax([2, 4, 3], 1))).toEqual([0, 1, 0.5]);
    expect(Array.from(minMax([-1, 1], 0))).toEqual([0, 1]);
  });

  it("gives equal values the value asked for, and nothing for nothing", () => {
    expect(Array.from(minMax([5, 5], 1))).toEqual([1, 1]);
    expect(Array.from(minMax([5], 0))).toEqual([0]);
    expect(Array.from(minMax([], 1))).toEqual([]);
  });
});

describe("fuseScores (convex combination of min-max-normalised scores)", () => {
  it("normalises each list over its own candidates, and adds them up by weight", () => {
    const fused = fuseScores(
      [
        { docs: ["a", "b", "c"], scores: [0.9, 0.7, 0.5], weight: 0.6 },
        { docs: ["c", "a"], scores: [10, 2], weight: 0.4 },
      ],
      3,
    );
    // a: 0.6 × 1 + 0.4 × 0; b: 0.6 × 0.5 (absent from the second list); c: 0.6 × 0 + 0.4 × 1.
    expect(fused.map((hit) => hit.doc)).toEqual(["a", "c", "b"]);
    const lifted = (share: number) => LEAST_FUSED_SCORE + (1 - LEAST_FUSED_SCORE) * share;
    [0.6, 0.4, 0.3].forEach((share, i) => {
      expect(fused[i]!.score).toBeCloseTo(lifted(share), 12);
    });
  });

  it("does not change when a list's scores are scaled or shifted", () => {
    const lists = [
      { docs: [1, 2, 3], scores: [3, 2, 1], weight: 0.6 },
      { docs: [3, 2], scores: [0.2, 0.1], weight: 0.4 },
    ];
    const moved = [lists[0]!, { ...lists[1]!, scores: [120, 80] }];
    expect(fuseScores(moved, 3)).toEqual(fuseScores(lists, 3));
  });

  it("scores in (0, 1]: 1 for a document first everywhere, above 0 for one last everywhere", () => {
    const fused = fuseScores(
      [
        { docs: [5, 6], scores: [2, 1], weight: 1 },
        { docs: [5, 6], scores: [0.9, 0.1], weight: 2 },
      ],
      3,
    );
    expect(fused[0]).toEqual({ doc: 5, score: 1 });
    expect(fused.at(-1)).toEqual({ doc: 6, score: LEAST_FUSED_SCORE });
    for (const { score } of fused) expect(score).toBeGreaterThan(0);
  });

  it("breaks ties by document order and honours the limit; empty lists count for nothing", () => {
    const fused = fuseScores(
      [
        { docs: [9, 4], scores: [1, 1], weight: 0.5 },
        { docs: [], scores: [], weight: 5 },
      ],
      1,
    );
    expect(fused).toEqual([{ doc: 4, score: 1 }]);
    expect(fuseScores([{ docs: [], scores: [], weight: 1 }], 5)).toEqual([]);
  });

  it("with the chosen weights, puts first a paper that dense and BM25 both rank first, over one a rare title word favours", () => {
    const { dense, bm25, rareTitles } = FUSION_WEIGHTS;
    const fused = fuseScores(
      [
        { docs: ["answer", "titled", "other"], scores: [0.8, 0.75, 0.7], weight: dense },
        { docs: ["answer", "other", "titled"], scores: [12, 8, 7], weight: bm25 },
        { docs: ["titled", "other"], scores: [5, 5], weight: rareTitles },
      ],
      3,
    );
    // Equal-weight reciprocal rank fusion put "titled" first here (1/61 + 1/62 + 1/63).
    expect(fused.map((hit) => hit.doc)).toEqual(["answer", "titled", "other"]);
  });
});
