import { beforeAll, describe, expect, it } from "vitest";
import { createBatchingEmbedder } from "../../src/embed/batching-embedder.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { loadTinyEmbedder } from "../support/tiny-index.ts";

const texts = [
  "graph neural networks for molecules",
  "object detection with feature pyramids",
  "sparse bayesian neural networks",
  "contrastive learning of visual concepts",
  "diffusion models for images",
];

describe("createBatchingEmbedder", () => {
  let embedder: Embedder;
  let expected: Float32Array[];

  beforeAll(async () => {
    embedder = await loadTinyEmbedder();
    expected = await embedder.embed(texts);
  });

  it("merges concurrent calls into one model call and gives each caller its own vectors", async () => {
    const batched = createBatchingEmbedder(embedder, { maxBatch: 64, maxWaitMs: 20 });
    const callsBefore = embedder.stats.calls;
    const results = await Promise.all(texts.map((text) => batched.embed([text])));
    expect(results.map(([vector]) => Array.from(vector!))).toEqual(
      expected.map((v) => Array.from(v)),
    );
    expect(batched.batching).toEqual({ requests: texts.length, batches: 1 });
    expect(embedder.stats.calls - callsBefore).toBe(1);
  });

  it("keeps each caller's order and duplicates", async () => {
    const batched = createBatchingEmbedder(embedder);
    const [first, second] = await Promise.all([
      batched.embed([texts[2]!, texts[0]!, texts[2]!]),
      batched.embed([texts[1]!]),
    ]);
    expect(first!.map((v) => Array.from(v))).toEqual(
      [expected[2]!, expected[0]!, expected[2]!].map((v) => Array.from(v)),
    );
    expect(Array.from(second![0]!)).toEqual(Array.from(expected[1]!));
  });

  it("sends calls that arrive while the model is busy together in the next call", async () => {
    const batched = createBatchingEmbedder(embedder, { maxBatch: 2, maxWaitMs: 1000 });
    // Two texts fill a batch, so the first call starts at once; the other three queue behind it.
    const all = Promise.all([
      batched.embed(texts.slice(0, 2)),
      batched.embed([texts[2]!]),
      batched.embed([texts[3]!]),
      batched.embed([texts[4]!]),
    ]);
    const vectors = (await all).flat();
    expect(vectors.map((v) => Array.from(v))).toEqual(expected.map((v) => Array.from(v)));
    expect(batched.batching).toEqual({ requests: 4, batches: 3 });
  });

  it("by default adds no wait: calls made in the same turn share one model call", async () => {
    const batched = createBatchingEmbedder(embedder);
    const results = await Promise.all(texts.map((text) => batched.embed([text])));
    expect(results).toHaveLength(texts.length);
    expect(batched.batching).toEqual({ requests: texts.length, batches: 1 });
  });

  it("keeps answering after a full batch ran before its wait was over", async () => {
    const batched = createBatchingEmbedder(embedder, { maxBatch: 2, maxWaitMs: 5 });
    const first = batched.embed([texts[0]!]); // waits up to 5 ms for company…
    await Promise.all([first, batched.embed([texts[1]!])]); // …but a full batch runs at once
    await new Promise((resolve) => setTimeout(resolve, 20)); // the wait ends with nothing queued
    const [later] = await batched.embed([texts[2]!]);
    expect(Array.from(later!)).toEqual(Array.from(expected[2]!));
  });

  it("passes the model's identity and token counts through", () => {
    const batched = createBatchingEmbedder(embedder);
    expect([batched.modelId, batched.dims, batched.maxTokens]).toEqual([
      embedder.modelId,
      embedder.dims,
      embedder.maxTokens,
    ]);
    expect(batched.countTokens(texts)).toEqual(embedder.countTokens(texts));
    expect(batched.stats).toBe(embedder.stats);
  });

  it("fails only the callers a failed model call served", async () => {
    let failNext = true;
    const flaky: Embedder = {
      ...embedder,
      stats: embedder.stats,
      embed: async (batch) => {
        if (failNext) {
          failNext = false;
          throw new Error("model crashed");
        }
        return embedder.embed(batch);
      },
    };
    const batched = createBatchingEmbedder(flaky, { maxBatch: 1, maxWaitMs: 1000 });
    const [failed, served] = await Promise.allSettled([
      batched.embed([texts[0]!]),
      batched.embed([texts[1]!]),
    ]);
    expect(failed).toMatchObject({ status: "rejected", reason: { message: "model crashed" } });
    expect(served.status).toBe("fulfilled");
  });
});
