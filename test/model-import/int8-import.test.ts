import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "@huggingface/transformers";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModelFor } from "../../src/app/load-model-for.ts";
import type { CliIo } from "../../src/cli/cli-io.ts";
import { main } from "../../src/cli/main.ts";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import { ENCODER_FILES, type ModelDtype } from "../../src/embed/model-source.ts";
import { ModelUnavailableError } from "../../src/embed/model-unavailable-error.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";
import { resolveSettings } from "../../src/settings/settings.ts";
import { embeddedLocation } from "../../src/store/embedded/embedded-location.ts";
import { BUNDLED_CORPUS, tempDir } from "../support/tiny-index.ts";
import { writeSyntheticCheckpoint } from "./support/synthetic-checkpoint.ts";

const TEXTS = [
  "graph convolution for recommendation",
  "Sparse concept bottleneck models, with Gumbel tricks!",
  "We propose a simple diffusion model for tabular data and evaluate it on twelve benchmarks.",
  "x",
];

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    readStdin: async () => "",
    env: {},
  };
  return { code: await main(argv, io), stdout, stderr };
}

const load = (model: string, dtype: ModelDtype) =>
  loadEmbedder({ model, dtype, offline: true, cacheDir: tempDir("paperchat-cache-") });
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe("paperchat model import --quantize int8", () => {
  let out: string;
  let stdout: string;
  beforeAll(async () => {
    const root = tempDir();
    const { checkpoint } = writeSyntheticCheckpoint(root, { pooling: "mean" });
    out = join(root, "imported");
    const result = await run(["model", "import", checkpoint, out, "--quantize", "int8"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    stdout = result.stdout;
  }, 120_000);

  it("writes the int8 encoder beside the float32 one, where transformers.js looks for dtype q8", async () => {
    expect(existsSync(join(out, "onnx/model.onnx"))).toBe(true);
    expect(existsSync(join(out, "onnx/model_quantized.onnx"))).toBe(true);
    expect(stdout).toMatch(/int8 encoder \(calibrated on 70 texts\)/);
    expect(stdout).toContain("PAPERCHAT_DTYPE=q8");
    // transformers.js' own pipeline picks the file by dtype: q8 is onnx/model_quantized.onnx.
    const extractor = await pipeline("feature-extraction", out, {
      dtype: "q8",
      local_files_only: true,
    });
    const output = await extractor(TEXTS[0]!, { pooling: "mean", normalize: true });
    const [ours] = await (await load(out, "q8")).embed([TEXTS[0]!]);
    const theirs = output.data as Float32Array;
    for (let d = 0; d < theirs.length; d++) expect(ours![d]).toBeCloseTo(theirs[d]!, 5);
  });

  it("embeds with the int8 encoder: unit vectors near the float32 ones, not equal to them", async () => {
    const [int8, float] = [await load(out, "q8"), await load(out, "fp32")];
    expect([int8.dtype, float.dtype]).toEqual(["q8", "fp32"]);
    const [quantized, reference] = [await int8.embed(TEXTS), await float.embed(TEXTS)];
    for (const [i, vector] of quantized.entries()) {
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
      expect(cosine(vector, reference[i]!), TEXTS[i]).toBeGreaterThan(0.999);
      if (TEXTS[i]!.length > 1) expect(vector).not.toEqual(reference[i]);
    }
  });

  it("without the int8 file, asking for q8 says how to write it", async () => {
    const root = tempDir();
    const { checkpoint } = writeSyntheticCheckpoint(root, { pooling: "mean" });
    const plain = join(root, "plain");
    expect((await run(["model", "import", checkpoint, plain])).code).toBe(0);
    expect(existsSync(join(plain, ENCODER_FILES.q8))).toBe(false);
    const error = await load(plain, "q8").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toContain(`has no ${ENCODER_FILES.q8}`);
    expect((error as Error).message).toContain("paperchat model import --quantize int8");
    expect((await load(plain, "fp32")).dtype).toBe("fp32");
    rmSync(root, { recursive: true, force: true });
  });

  it("without --dtype, runs the int8 encoder when the folder has one, or the index's own encoder", async () => {
    const settings = { ...resolveSettings({}, { model: out, offline: true }), cacheDir: tempDir() };
    expect(settings.dtype).toBeUndefined();
    const fresh = embeddedLocation(tempDir("paperchat-index-"));
    expect((await loadModelFor(settings, fresh)).dtype).toBe("q8");
    // An index built with float32 keeps being asked in float32: no rebuild, no refusal.
    const indexDir = tempDir("paperchat-index-");
    const fp32 = await load(out, "fp32");
    await buildIndex({ corpusFiles: [BUNDLED_CORPUS], indexDir, embedder: fp32 });
    const kept = await loadModelFor(settings, embeddedLocation(indexDir));
    expect(kept.dtype).toBe("fp32");
    const rerun = await buildIndex({ corpusFiles: [BUNDLED_CORPUS], indexDir, embedder: kept });
    expect(rerun.upToDate).toBe(true);
    // --dtype still decides over the index (the build then says it rebuilds).
    const asked = { ...settings, dtype: "q8" as const };
    expect((await loadModelFor(asked, embeddedLocation(indexDir))).dtype).toBe("q8");
  });

  it("without --dtype, a folder with only the float32 encoder runs it", async () => {
    const root = tempDir();
    const { checkpoint } = writeSyntheticCheckpoint(root, { pooling: "mean" });
    const plain = join(root, "plain");
    expect((await run(["model", "import", checkpoint, plain])).code).toBe(0);
    const embedder = await loadEmbedder({ model: plain, offline: true, cacheDir: tempDir() });
    expect(embedder.dtype).toBe("fp32");
    rmSync(root, { recursive: true, force: true });
  });

  it("refuses another quantization with a usage error", async () => {
    const result = await run(["model", "import", "a", "b", "--quantize", "int4"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--quantize must be int8, got "int4"');
  });
});
