import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import type { StoredPaper } from "../../src/store/paper-store.ts";
import { buildTinyIndex, papersOf } from "../support/tiny-index.ts";

let store: EmbeddedStore;
/** Papers in row order: a ranking's keys are their rows. */
let papers: StoredPaper[];
let vectors: Float32Array[];

beforeAll(async () => {
  const built = await buildTinyIndex();
  store = await openEmbeddedStore(built.indexDir, { encoder: built.embedder });
  papers = await papersOf(store);
  vectors = (await store.paperVectors(papers.map((_, row) => row))) as Float32Array[];
});

afterAll(() => store.close());

/** Written here, independently of the store: every other row by cosine, best first. */
function exactRanking(vector: Float32Array, exclude: number) {
  const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
  return papers
    .map((_, row) => ({ row, score: dot(vector, vectors[row]!) }))
    .filter(({ row }) => row !== exclude)
    .sort((a, b) => b.score - a.score);
}

describe("nearest papers without a filter", () => {
  it("a scan of every paper gives the exact ranking, and the graph agrees with it", async () => {
    expect(papers.length).toBe(70);
    for (let row = 0; row < 12; row++) {
      const vector = vectors[row]!;
      const exact = exactRanking(vector, row);
      const scanned = await store.nearest({ vector, limit: 10, exclude: row, among: "all" });
      expect(scanned.keys).toEqual(exact.slice(0, 10).map((hit) => hit.row));
      scanned.scores.forEach((score, i) => {
        expect(score).toBeCloseTo(exact[i]!.score, 5);
      });
      const walked = await store.nearest({ vector, limit: 10, exclude: row });
      expect(walked.keys[0]).toBe(exact[0]!.row);
      expect(walked.scores[0]).toBeCloseTo(exact[0]!.score, 4);
    }
  });

  it("asks for more papers than there are: every other paper, once", async () => {
    for (const among of ["all", undefined] as const) {
      const found = await store.nearest({ vector: vectors[0]!, limit: 500, exclude: 0, among });
      expect(found.keys.length).toBe(papers.length - 1);
      expect(new Set(found.keys).size).toBe(papers.length - 1);
      expect(found.keys).not.toContain(0);
    }
  });

  it("gives each paper its own vector, by row, and none for an unknown row", async () => {
    const [third, unknown] = await store.paperVectors([3, papers.length]);
    expect(third).toEqual(vectors[3]);
    expect(unknown).toBeUndefined();
    expect(exactRanking(third!, -1)[0]!.row).toBe(3);
  });
});
