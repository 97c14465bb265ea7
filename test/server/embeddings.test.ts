import OpenAI from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { createBatchingEmbedder } from "../../src/embed/batching-embedder.ts";
import type { PaperchatApp } from "../../src/server/app-context.ts";
import { requestJson, tinyApp } from "./support/tiny-app.ts";
import { APP_ORIGIN, appFetch, openTinyEngine, type TinyEngine } from "./support/tiny-server.ts";

// The app is built once for the file; the openai client fetches through `app.request`.
let tiny: TinyEngine;
let app: PaperchatApp;
let client: OpenAI;
const MODEL = "paperchat-tiny-bert";
const texts = [
  "graph neural networks for molecules",
  "object detection with feature pyramids",
  "sparse bayesian neural networks",
];

function expectSameVector(actual: readonly number[], expected: Float32Array) {
  expect(actual).toHaveLength(expected.length);
  for (const [d, value] of actual.entries()) expect(value).toBeCloseTo(expected[d]!, 5);
}

const decodeBase64 = (text: string) => {
  const bytes = Buffer.from(text, "base64");
  return Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4));
};

beforeAll(async () => {
  tiny = await openTinyEngine();
  app = tinyApp(tiny).app;
  client = new OpenAI({
    baseURL: `${APP_ORIGIN}/v1`,
    apiKey: "unused",
    fetch: appFetch(app),
    maxRetries: 0,
  });
});

describe("POST /v1/embeddings with the official openai client", () => {
  it("returns float vectors equal to the model's, with token usage from its tokenizer", async () => {
    const expected = await tiny.embedder.embed(texts);
    const response = await client.embeddings.create({
      model: MODEL,
      input: texts,
      encoding_format: "float",
    });
    expect(response.object).toBe("list");
    expect(response.model).toBe(MODEL);
    expect(response.data.map((item) => item.index)).toEqual([0, 1, 2]);
    response.data.forEach((item, i) => {
      expect(item.object).toBe("embedding");
      expectSameVector(item.embedding, expected[i]!);
    });
    const tokens = tiny.embedder.countTokens(texts).reduce((a, b) => a + b, 0);
    expect(response.usage).toEqual({ prompt_tokens: tokens, total_tokens: tokens });
  });

  it("returns little-endian float32 base64 when asked", async () => {
    const [expected] = await tiny.embedder.embed([texts[0]!]);
    const response = await client.embeddings.create({
      model: MODEL,
      input: texts[0]!,
      encoding_format: "base64",
    });
    const embedding = response.data[0]!.embedding as unknown as string;
    expect(typeof embedding).toBe("string");
    expect(decodeBase64(embedding)).toEqual(Array.from(expected!));
  });

  it("decodes to the same vectors with the client's default encoding", async () => {
    const [float] = (
      await client.embeddings.create({ model: MODEL, input: texts[1]!, encoding_format: "float" })
    ).data;
    const [byDefault] = (await client.embeddings.create({ model: MODEL, input: texts[1]! })).data;
    expect(byDefault!.embedding).toEqual(float!.embedding);
  });

  it("answers a model it does not serve with 404 model_not_found", async () => {
    const error = await client.embeddings
      .create({ model: "text-embedding-3-small", input: "x" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe("model_not_found");
  });

  it("accepts a request without a model", async () => {
    const { status, body } = await requestJson<{ data: unknown[] }>(app, "/v1/embeddings", {
      json: { input: ["a", "b"] },
    });
    expect(status).toBe(200);
    expect(body.data).toHaveLength(2);
  });

  it("refuses dimensions the model does not have", async () => {
    const error = await client.embeddings
      .create({ model: MODEL, input: "x", dimensions: 1536 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  });
});

describe("batching concurrent requests", () => {
  it("merges concurrent /v1/embeddings requests into fewer model calls", async () => {
    const batched = createBatchingEmbedder(tiny.embedder, { maxBatch: 64, maxWaitMs: 50 });
    const batchingApp = tinyApp(tiny, { embedder: batched }).app;
    const inputs = Array.from(
      { length: 12 },
      (_, i) => `question number ${i} about graph networks`,
    );
    const expected = await tiny.embedder.embed(inputs);
    const modelCallsBefore = tiny.embedder.stats.calls;
    const responses = await Promise.all(
      inputs.map((input) =>
        requestJson<{ data: { embedding: number[] }[] }>(batchingApp, "/v1/embeddings", {
          json: { input },
        }),
      ),
    );
    responses.forEach(({ status, body }, i) => {
      expect(status).toBe(200);
      expectSameVector(body.data[0]!.embedding, expected[i]!);
    });
    expect(batched.batching.requests).toBe(inputs.length);
    expect(batched.batching.batches).toBeLessThan(inputs.length);
    expect(tiny.embedder.stats.calls - modelCallsBefore).toBe(batched.batching.batches);
  });
});
