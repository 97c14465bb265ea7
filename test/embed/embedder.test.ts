import { copyFileSync, cpSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "@huggingface/transformers";
import { beforeAll, describe, expect, it } from "vitest";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import { ModelUnavailableError } from "../../src/embed/model-unavailable-error.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { loadTinyEmbedder, TINY_MODEL, tempDir } from "../support/tiny-index.ts";
import {
  bundledPapers,
  FIXTURE_MODELS,
  loadFixtureEmbedder,
  paperText,
  sentenceTexts,
} from "./support/bundled-papers.ts";

const norm = (v: Float32Array) => Math.hypot(...v);
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe("loadEmbedder with the tiny fixture model (real transformers.js path)", () => {
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await loadTinyEmbedder();
  });

  it("returns unit vectors of the model's hidden size", async () => {
    const config = JSON.parse(readFileSync(join(TINY_MODEL, "config.json"), "utf8"));
    const [vector] = await embedder.embed(["graph neural networks for recommendation"]);
    expect(embedder.dims).toBe(config.hidden_size);
    expect(vector).toHaveLength(config.hidden_size);
    expect(norm(vector!)).toBeCloseTo(1, 5);
    expect(embedder.modelId).toBe(TINY_MODEL);
    expect(embedder.dtype).toBe("fp32");
  });

  it("gives identical text identical vectors, in input order, whatever the batch", async () => {
    const texts = [
      "object detection",
      "a much longer sentence about sparse Bayesian networks",
      "x",
    ];
    const together = await embedder.embed(texts);
    const alone = await Promise.all(texts.map(async (t) => (await embedder.embed([t]))[0]!));
    together.forEach((vector, i) => {
      for (let d = 0; d < vector.length; d++) expect(vector[d]).toBeCloseTo(alone[i]![d]!, 5);
    });
    expect(cosine(together[0]!, together[1]!)).toBeLessThan(0.99);
  });

  it("embeds repeated texts once per call and batches the rest", async () => {
    const before = { ...embedder.stats };
    const vectors = await embedder.embed(["alpha beta", "gamma", "alpha beta", "gamma", "delta"]);
    expect(embedder.stats.texts - before.texts).toBe(3);
    expect(embedder.stats.calls - before.calls).toBe(1);
    expect(vectors[0]).toEqual(vectors[2]);
  });

  it("scores related texts above unrelated ones (bag-of-words fixture)", async () => {
    const [query, related, unrelated] = await embedder.embed([
      "graph convolutional networks for recommendation",
      "simplifying graph convolutional networks for recommendation systems",
      "object detection with reverse feature pyramids",
    ]);
    expect(cosine(query!, related!)).toBeGreaterThan(cosine(query!, unrelated!));
  });

  it("truncates text longer than the model window on purpose, and counts it", async () => {
    const long = Array.from({ length: 300 }, (_, i) => `word${i % 17}`).join(" ");
    const before = embedder.stats.truncated;
    const [a, b] = await embedder.embed([long, `${long} and an entirely different ending`]);
    expect(embedder.stats.truncated - before).toBe(2);
    expect(Array.from(a!)).toEqual(Array.from(b!));
    expect(embedder.countTokens([long])[0]).toBe(embedder.maxTokens);
    expect(embedder.countTokens(["graph"])[0]).toBeLessThan(embedder.maxTokens);
  });
});

describe("loadEmbedder failures say what to do", () => {
  it("offline, a hub model that is not cached names the cache folder and the alternatives", async () => {
    const cacheDir = tempDir();
    const error = await loadEmbedder({
      model: "Xenova/all-MiniLM-L6-v2",
      offline: true,
      cacheDir,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain(join(cacheDir, "Xenova/all-MiniLM-L6-v2"));
    expect(message).toContain("onnx/model.onnx");
    expect(message).toContain("PAPERCHAT_MODEL");
  });

  it("offline, a hub model asked for q8 names the int8 encoder file it lacks", async () => {
    const error = await loadEmbedder({
      model: "Xenova/all-MiniLM-L6-v2",
      dtype: "q8",
      offline: true,
      cacheDir: tempDir(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toContain('"Xenova/all-MiniLM-L6-v2" (dtype q8)');
    expect((error as Error).message).toContain("onnx/model_quantized.onnx");
  });

  it("offline, a cached hub model with only its float32 encoder runs it when no dtype is asked", async () => {
    const cacheDir = tempDir();
    const cached = join(cacheDir, "Xenova/all-MiniLM-L6-v2");
    cpSync(TINY_MODEL, cached, { recursive: true });
    expect(existsSync(join(cached, "onnx/model_quantized.onnx"))).toBe(false);
    const model = "Xenova/all-MiniLM-L6-v2";
    expect((await loadEmbedder({ model, offline: true, cacheDir })).dtype).toBe("fp32");
    // With the int8 file cached too, the int8 encoder runs (here a copy: the choice is by file).
    copyFileSync(join(cached, "onnx/model.onnx"), join(cached, "onnx/model_quantized.onnx"));
    expect((await loadEmbedder({ model, offline: true, cacheDir })).dtype).toBe("q8");
  });

  it("an incomplete local folder lists the missing files", async () => {
    const folder = tempDir();
    const error = await loadEmbedder({ model: folder, cacheDir: tempDir() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toMatch(/missing: config\.json, tokenizer\.json/);
  });
});

describe.each(Object.entries(FIXTURE_MODELS))(
  "embed against transformers.js' own pipeline, with the %s fixture",
  (_, model) => {
    it("gives the pipeline's mean-pooled, normalised vectors for every text that fits the window", async () => {
      const embedder = await loadFixtureEmbedder(model, 8);
      const extractor = await pipeline("feature-extraction", model, {
        dtype: "fp32",
        local_files_only: true,
      });
      const papers = await bundledPapers();
      const texts = [
        ...papers.slice(0, 12).map(paperText),
        ...papers.slice(0, 2).flatMap(sentenceTexts),
        "graph neural networks",
        "",
      ].filter((text) => extractor.tokenizer.encode(text).length <= embedder.maxTokens);
      expect(texts.length).toBeGreaterThan(20);
      const ours = await embedder.embed(texts);
      // The pipeline pads every text of a call to the longest; one call per text keeps it exact.
      for (const [i, text] of texts.entries()) {
        const output = await extractor([text], { pooling: "mean", normalize: true });
        const theirs = output.data as Float32Array;
        const diff = theirs.reduce((max, x, d) => Math.max(max, Math.abs(x - ours[i]![d]!)), 0);
        expect(diff, text.slice(0, 60)).toBeLessThan(1e-6);
      }
    }, 120_000);
  },
);
