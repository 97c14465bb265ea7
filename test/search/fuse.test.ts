import { describe, expect, it } from "vitest";
import { fuseRankings, RRF_K } from "../../src/search/fuse.ts";

describe("fuseRankings (reciprocal rank fusion)", () => {
  it("rewards documents ranked well by several lists", () => {
    const fused = fuseRankings(
      [
        { docs: [1, 2, 3], weight: 1 },
        { docs: [3, 2, 1], weight: 1 },
        { docs: [2], weight: 1 },
      ],
      3,
    );
    expect(fused.map((h) => h.doc)).toEqual([2, 1, 3]);
  });

  it("scores a document first in every list 1, and ranks by weight", () => {
    const [top] = fuseRankings(
      [
        { docs: [5], weight: 1 },
        { docs: [5], weight: 2 },
      ],
      1,
    );
    expect(top).toEqual({ doc: 5, score: 1 });
    const weighted = fuseRankings(
      [
        { docs: [1], weight: 1 },
        { docs: [2], weight: 3 },
      ],
      2,
    );
    expect(weighted.map((h) => h.doc)).toEqual([2, 1]);
    expect(weighted[1]!.score).toBeCloseTo(1 / (RRF_K + 1) / (4 / (RRF_K + 1)));
  });

  it("breaks ties by document order and honours the limit; empty lists count for nothing", () => {
    const fused = fuseRankings(
      [
        { docs: [9, 4], weight: 1 },
        { docs: [4, 9], weight: 1 },
        { docs: [], weight: 5 },
      ],
      1,
    );
    expect(fused).toEqual([{ doc: 4, score: expect.any(Number) }]);
    expect(fused[0]!.score).toBeLessThan(1);
  });
});
