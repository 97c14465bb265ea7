import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type PaperStore } from "../../src/store/open-store.ts";
import type { StoredPaper } from "../../src/store/paper-database.ts";
import { buildTinyIndex, papersOf } from "../support/tiny-index.ts";

/** The bundled corpus (70 papers) is small enough to be scanned whole by default. */
let scannedStore: PaperStore;
/** The same index, searched through its graph. */
let graphStore: PaperStore;
let papers: StoredPaper[];

beforeAll(async () => {
  const built = await buildTinyIndex();
  scannedStore = await openStore(built.indexDir, { model: built.embedder.modelId });
  graphStore = await openStore(built.indexDir, {
    model: built.embedder.modelId,
    scannedCorpusMaxPapers: 0,
  });
  papers = papersOf(scannedStore);
});

afterAll(() => {
  scannedStore.close();
  graphStore.close();
});

/** Written here, independently of the store: every other paper by cosine, best first. */
function exactRanking(vector: Float32Array, exclude: string) {
  const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
  return papers
    .filter((paper) => paper.id !== exclude)
    .map((paper) => ({ id: paper.id, score: dot(vector, scannedStore.paperVector(paper.id)!) }))
    .sort((a, b) => b.score - a.score);
}

describe("nearest papers without a filter", () => {
  it("a corpus scanned whole gives the exact ranking, and the graph agrees with it", () => {
    expect(papers.length).toBe(70);
    for (const query of papers.slice(0, 12)) {
      const vector = scannedStore.paperVector(query.id)!;
      const exact = exactRanking(vector, query.id);
      const scanned = scannedStore.nearest(vector, 10, query.id);
      expect(scanned.ids).toEqual(exact.slice(0, 10).map((hit) => hit.id));
      scanned.scores.forEach((score, i) => {
        expect(score).toBeCloseTo(exact[i]!.score, 5);
      });
      const walked = graphStore.nearest(vector, 10, query.id);
      expect(walked.ids[0]).toBe(exact[0]!.id);
      expect(walked.scores[0]).toBeCloseTo(exact[0]!.score, 4);
    }
  });

  it("asks for more papers than there are: every other paper, once", () => {
    const vector = scannedStore.paperVector(papers[0]!.id)!;
    for (const store of [scannedStore, graphStore]) {
      const found = store.nearest(vector, 500, papers[0]!.id);
      expect(found.ids.length).toBe(papers.length - 1);
      expect(new Set(found.ids).size).toBe(papers.length - 1);
      expect(found.ids).not.toContain(papers[0]!.id);
    }
  });
});
