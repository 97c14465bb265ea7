import { beforeAll, describe, expect, it } from "vitest";
import type { EmbeddingsResponse } from "../../src/contract/embeddings.ts";
import type { SearchResponse } from "../../src/contract/search-response.ts";
import {
  type BatchingEmbedder,
  createBatchingEmbedder,
} from "../../src/embed/batching-embedder.ts";
import { createSearchEngine } from "../../src/search/search-engine.ts";
import { createApp } from "../../src/server/app.ts";
import type { PaperchatApp } from "../../src/server/app-context.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import { sharedTinyIndex } from "./support/shared-tiny-index.ts";

const QUESTIONS = [
  "graph convolution for recommendation",
  "sparse bayesian neural networks",
  "diffusion models for images",
  "concept bottleneck models with CLIP",
  "object detection with a reverse feature pyramid",
  "tabular classification with a transformer",
];

describe("searches, similar-by-text and /v1/embeddings that arrive together", () => {
  let app: PaperchatApp;
  let shared: BatchingEmbedder;
  let alone: { search: SearchResponse[]; embeddings: number[][] };

  const search = async (q: string) =>
    (await (
      await app.request(`/api/search?q=${encodeURIComponent(q)}&k=5`)
    ).json()) as SearchResponse;
  const similarByText = async (text: string) =>
    (await (
      await app.request("/api/search", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ query: text, k: 5 }),
      })
    ).json()) as SearchResponse;
  const embed = async (input: string) =>
    (await (
      await app.request("/v1/embeddings", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ input }),
      })
    ).json()) as EmbeddingsResponse;

  beforeAll(async () => {
    const { indexDir, embedder } = await sharedTinyIndex();
    shared = createBatchingEmbedder(embedder);
    const store = await openEmbeddedStore(indexDir, { encoder: embedder });
    app = createApp({ engine: createSearchEngine({ store, embedder: shared }), embedder: shared });
    const searches: SearchResponse[] = [];
    const embeddings: number[][] = [];
    for (const q of QUESTIONS) {
      searches.push(await search(q));
      embeddings.push((await embed(q)).data[0]!.embedding as number[]);
    }
    alone = { search: searches, embeddings };
  });

  it("share model passes, and each gets the answer it gets alone", async () => {
    const before = { ...shared.batching };
    const [searched, pasted, embedded] = await Promise.all([
      Promise.all(QUESTIONS.map(search)),
      Promise.all(QUESTIONS.map(similarByText)),
      Promise.all(QUESTIONS.map(embed)),
    ]);
    const requests = shared.batching.requests - before.requests;
    const passes = shared.batching.batches - before.batches;
    expect(requests).toBe(3 * QUESTIONS.length);
    expect(passes).toBeLessThan(requests / 2);
    expect(searched).toEqual(alone.search);
    expect(pasted).toEqual(alone.search);
    for (const [i, response] of embedded.entries()) {
      const together = response.data[0]!.embedding as number[];
      const cosine = together.reduce((sum, x, d) => sum + x * alone.embeddings[i]![d]!, 0);
      expect(cosine).toBeGreaterThan(0.99999);
    }
  });
});
