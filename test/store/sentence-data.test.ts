import { describe, expect, it } from "vitest";
import { packSentenceTerms, termHash } from "../../src/store/sentence-terms.ts";
import {
  quantizeSentenceVectors,
  sentenceScores,
  sentenceVectorBytes,
} from "../../src/store/sentence-vectors.ts";

/** A seeded unit vector, so the test is the same every run. */
function unitVector(dims: number, seed: number): Float32Array {
  const vector = new Float32Array(dims);
  let state = seed;
  for (let i = 0; i < dims; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    vector[i] = state / 2 ** 31 - 0.5;
  }
  const norm = Math.hypot(...vector);
  return vector.map((v) => v / norm);
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe("int8 sentence vectors", () => {
  it("take 4 + dims bytes each and keep cosine similarity to about 3 decimals", () => {
    const dims = 384;
    const sentences = Array.from({ length: 50 }, (_, i) => unitVector(dims, i + 1));
    const packed = quantizeSentenceVectors(sentences, dims);
    expect(packed.byteLength).toBe(50 * sentenceVectorBytes(dims));
    const query = unitVector(dims, 999);
    const scores = sentenceScores(packed, query);
    expect(scores).toHaveLength(50);
    for (const [i, sentence] of sentences.entries()) {
      expect(Math.abs(scores[i]! - dot(query, sentence))).toBeLessThan(3e-3);
    }
  });

  it("scores every dimension when their number is not a multiple of four", () => {
    for (const dims of [5, 7, 10]) {
      const sentences = [unitVector(dims, 11), unitVector(dims, 12)];
      const query = unitVector(dims, 13);
      const scores = sentenceScores(quantizeSentenceVectors(sentences, dims), query);
      sentences.forEach((sentence, i) => {
        expect(Math.abs(scores[i]! - dot(query, sentence))).toBeLessThan(2e-2);
      });
    }
  });

  it("scores from a slice of a larger buffer (as SQLite hands blobs over)", () => {
    const dims = 8;
    const packed = quantizeSentenceVectors([unitVector(dims, 3)], dims);
    const inside = new Uint8Array(packed.byteLength + 16);
    inside.set(packed, 5);
    const query = unitVector(dims, 4);
    expect(sentenceScores(inside.subarray(5, 5 + packed.byteLength), query)).toEqual(
      sentenceScores(packed, query),
    );
  });

  it("stores a zero vector as zeros", () => {
    const packed = quantizeSentenceVectors([new Float32Array(4)], 4);
    expect(sentenceScores(packed, unitVector(4, 1))).toEqual([0]);
  });
});

describe("sentence term hashes", () => {
  it("pack each sentence's distinct terms after their number", () => {
    const packed = packSentenceTerms([["graph", "network", "graph"], [], ["node", "graph"]]);
    const [graph, network, node] = ["graph", "network", "node"].map(termHash);
    expect(Array.from(packed)).toEqual([2, graph, network, 0, 2, node, graph]);
  });

  it("hash terms stably and apart", () => {
    expect(termHash("graph")).toBe(termHash("graph"));
    expect(new Set(["graph", "graphs", "network", "", "é"].map(termHash)).size).toBe(5);
  });
});
