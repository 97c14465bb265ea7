import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import { ENCODER_FILES } from "../../src/embed/model-source.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";
import { readManifest } from "../../src/store/embedded/manifest-file.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import { IndexError } from "../../src/store/index-errors.ts";
import { BUNDLED_CORPUS, tempDir } from "../support/tiny-index.ts";
import { hasRealModel, REAL_MODEL } from "./support/real-model.ts";

const ready =
  hasRealModel("the int8 index test") &&
  (existsSync(join(REAL_MODEL, ENCODER_FILES.q8)) || process.env.CI === "true");

describe.runIf(ready)("an index built with the int8 encoder", () => {
  let q8: Embedder;
  let fp32: Embedder;
  let indexDir: string;
  beforeAll(async () => {
    const cacheDir = tempDir("paperchat-cache-");
    q8 = await loadEmbedder({ model: REAL_MODEL, offline: true, cacheDir, dtype: "q8" });
    fp32 = await loadEmbedder({ model: REAL_MODEL, offline: true, cacheDir, dtype: "fp32" });
    indexDir = tempDir("paperchat-index-");
    await buildIndex({ corpusFiles: [BUNDLED_CORPUS], indexDir, embedder: q8 });
  }, 300_000);

  it("records the encoder with the model, and its cache is apart from fp32's", async () => {
    const manifest = await readManifest(indexDir);
    expect(manifest).toMatchObject({ model: REAL_MODEL, dtype: "q8" });
    expect(manifest.embeddings).toMatch(/-q8-/);
  });

  it("is refused to questions embedded with the fp32 encoder, saying what to do", async () => {
    const error = await openEmbeddedStore(indexDir, { encoder: fp32 }).catch((e) => e);
    expect(error).toBeInstanceOf(IndexError);
    expect(error.code).toBe("model-mismatch");
    expect(error.message).toContain("PAPERCHAT_DTYPE=q8");
    const store = await openEmbeddedStore(indexDir, { encoder: q8 });
    expect(store.info.dtype).toBe("q8");
    await store.close();
  });

  it("is rebuilt, not reused, when the fp32 encoder builds, and its model work is not mixed in", async () => {
    const result = await buildIndex({ corpusFiles: [BUNDLED_CORPUS], indexDir, embedder: fp32 });
    expect(result).toMatchObject({ upToDate: false, reused: 0, embedded: 70 });
    expect((await readManifest(indexDir)).dtype).toBeUndefined();
  }, 300_000);
});
