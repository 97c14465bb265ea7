import { describe, expect, it } from "vitest";
import { exactTopK, recallAtK } from "../../scripts/bench/recall.ts";
import { syntheticUnitVectors } from "../../scripts/bench/synthetic-vectors.ts";

function sortedTopK(vectors: Float32Array, dims: number, query: Float32Array, k: number) {
  const rows = vectors.length / dims;
  const scored = Array.from({ length: rows }, (_, row) => {
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += vectors[row * dims + d]! * query[d]!;
    return { row, dot };
  });
  return scored
    .sort((a, b) => b.dot - a.dot)
    .slice(0, k)
    .map((s) => s.row);
}

describe("recallAtK", () => {
  it("averages the share of true neighbours found over all queries", () => {
    expect(
      recallAtK(
        [
          [1, 2, 9],
          [4, 5, 6],
        ],
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        3,
      ),
    ).toBeCloseTo(5 / 6);
  });

  it("ignores order within the top k and anything found beyond k", () => {
    expect(recallAtK([[3, 2, 1, 7]], [[1, 2, 3]], 3)).toBe(1);
    expect(recallAtK([[9, 8, 1]], [[1, 2]], 2)).toBe(0);
  });

  it("refuses mismatched query counts", () => {
    expect(() => recallAtK([[1]], [[1], [2]], 1)).toThrow(/1 result lists for 2 queries/);
  });
});

describe("exactTopK", () => {
  it("matches a full sort for dims that are and are not multiples of four", () => {
    for (const dims of [8, 7]) {
      const vectors = syntheticUnitVectors({ count: 500, dims, seed: 3, distribution: "uniform" });
      const queries = syntheticUnitVectors({ count: 5, dims, seed: 4, distribution: "uniform" });
      for (let q = 0; q < 5; q++) {
        const query = queries.subarray(q * dims, (q + 1) * dims);
        expect(exactTopK(vectors, dims, query, 10)).toEqual(sortedTopK(vectors, dims, query, 10));
      }
    }
  });

  it("returns fewer labels than k when there are fewer rows", () => {
    expect(exactTopK(new Float32Array([1, 0, 0, 1]), 2, new Float32Array([0.2, 0.9]), 5)).toEqual([
      1, 0,
    ]);
  });
});

describe("syntheticUnitVectors", () => {
  it("makes the same unit vectors from the same seed", () => {
    for (const distribution of ["uniform", "low-rank"] as const) {
      const a = syntheticUnitVectors({ count: 20, dims: 16, seed: 9, distribution });
      const b = syntheticUnitVectors({ count: 20, dims: 16, seed: 9, distribution });
      expect(a).toEqual(b);
      for (let row = 0; row < 20; row++) {
        const norm = Math.hypot(...a.subarray(row * 16, (row + 1) * 16));
        expect(norm).toBeCloseTo(1, 5);
      }
    }
  });
});

describe("low-rank vectors", () => {
  it("share one subspace across seeds, so queries from another seed lie near the data", () => {
    const dims = 64;
    const data = syntheticUnitVectors({ count: 300, dims, seed: 1, distribution: "low-rank" });
    const queries = syntheticUnitVectors({ count: 20, dims, seed: 2, distribution: "low-rank" });
    const uniform = syntheticUnitVectors({ count: 20, dims, seed: 2, distribution: "uniform" });
    const bestScore = (set: Float32Array) => {
      let total = 0;
      for (let q = 0; q < 20; q++) {
        const query = set.subarray(q * dims, (q + 1) * dims);
        const [best] = exactTopK(data, dims, query, 1);
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += data[best! * dims + d]! * query[d]!;
        total += dot;
      }
      return total / 20;
    };
    expect(bestScore(queries)).toBeGreaterThan(bestScore(uniform) + 0.1);
  });
});
