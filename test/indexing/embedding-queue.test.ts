import { describe, expect, it } from "vitest";
import { readCorpus } from "../../src/corpus/index.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { createEmbeddingQueue, type EmbeddedPaper } from "../../src/indexing/embedding-queue.ts";
import { paperRecordOf } from "../../src/indexing/paper-record-of.ts";
import { createRowOrder } from "../../src/indexing/row-order.ts";
import { BUNDLED_CORPUS, loadTinyEmbedder } from "../support/tiny-index.ts";

/** The tiny model, with a log of when each model step starts and ends (the embedding is its own). */
function logged(embedder: Embedder, log: string[]): Embedder {
  let step = 0;
  return {
    ...embedder,
    async embedPapers(papers) {
      const n = step++;
      log.push(`model ${n} starts`);
      const done = await embedder.embedPapers(papers);
      log.push(`model ${n} ends`);
      return done;
    },
  };
}

describe("createEmbeddingQueue", () => {
  it("hands each chunk over while the model works on the next, in order, with each paper's own vectors", async () => {
    const embedder = await loadTinyEmbedder();
    const { papers } = await readCorpus([BUNDLED_CORPUS]);
    const records = papers.map(paperRecordOf);
    const log: string[] = [];
    const handed: EmbeddedPaper[] = [];
    let chunk = 0;
    const queue = createEmbeddingQueue({
      embedder: logged(embedder, log),
      mode: "pooled",
      chunkSize: 16,
      onEmbedded(done) {
        log.push(`hand ${chunk++}`);
        handed.push(...done);
      },
    });
    for (const [row, record] of records.entries()) {
      await queue.add({ row, hash: record.contentHash, paper: record.paper });
    }
    await queue.drain();
    expect(handed.map((paper) => paper.row)).toEqual(records.map((_, row) => row));
    expect(queue.embedded).toBe(70);
    // Chunk k is handed over after chunk k + 1 has gone to the model (the last one at the end).
    const steps = Math.ceil(70 / 16);
    for (let k = 0; k + 1 < steps; k++) {
      expect(log.indexOf(`model ${k + 1} starts`)).toBeLessThan(log.indexOf(`hand ${k}`));
      expect(log.indexOf(`model ${k} ends`)).toBeLessThan(log.indexOf(`hand ${k}`));
    }
    const [alone] = await embedder.embedPapers([records[20]!.paper]);
    const cosine = alone!.paper.reduce((sum, x, i) => sum + x * handed[20]!.embedding.paper[i]!, 0);
    expect(cosine).toBeGreaterThan(0.99999);
  });

  it("fails the build's next call when the model fails, and hands nothing over", async () => {
    const embedder = await loadTinyEmbedder();
    const failing = { ...embedder, embedPapers: () => Promise.reject(new Error("model crashed")) };
    const { papers } = await readCorpus([BUNDLED_CORPUS]);
    let handed = 0;
    const queue = createEmbeddingQueue({
      embedder: failing,
      mode: "pooled",
      chunkSize: 8,
      onEmbedded: () => void handed++,
    });
    const adding = async () => {
      for (const [row, paper] of papers.entries()) {
        const record = paperRecordOf(paper);
        await queue.add({ row, hash: record.contentHash, paper: record.paper });
      }
      await queue.drain();
    };
    await expect(adding()).rejects.toThrow("model crashed");
    expect(handed).toBe(0);
  });
});

describe("createRowOrder", () => {
  it("writes items in row order, one at a time, holding back those that come early", async () => {
    const written: number[] = [];
    let writing = 0;
    const order = createRowOrder<number>(async (row) => {
      writing += 1;
      expect(writing).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1));
      written.push(row);
      writing -= 1;
    });
    order.put(2, 2);
    order.put(1, 1);
    await order.settled();
    expect(written).toEqual([]);
    expect(order.waiting).toBe(2);
    order.put(0, 0);
    order.put(3, 3);
    await order.settled();
    expect(written).toEqual([0, 1, 2, 3]);
    expect(order.waiting).toBe(0);
  });

  it("stops at a write that fails, and says so", async () => {
    const order = createRowOrder<number>(async (row) => {
      if (row === 1) throw new Error("disk full");
    });
    order.put(0, 0);
    order.put(1, 1);
    await expect(order.settled()).rejects.toThrow("disk full");
    expect(() => order.check()).toThrow("disk full");
  });
});
