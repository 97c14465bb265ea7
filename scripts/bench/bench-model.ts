import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import { ENCODER_FILES, MODEL_FILES } from "../../src/embed/model-source.ts";
import { MINILM_SHAPE } from "../fixture-model/fixture-specs.ts";
import { REAL_MODEL_FOLDER } from "../real-model/real-model-folder.ts";
import type { BenchContext } from "./section.ts";

/**
 * The real all-MiniLM-L6-v2 when converted, else its shape with random weights (generated).
 *
 * @example
 * const { modelDir, loadEmbedder } = benchModel("/work/main", "/tmp/bench", console.error);
 */
export function benchModel(
  repoRoot: string,
  workDir: string,
  log: (message: string) => void,
): Pick<BenchContext, "modelDir" | "modelDescription" | "modelHasInt8" | "loadEmbedder"> {
  const real = MODEL_FILES.every((file) => existsSync(join(REAL_MODEL_FOLDER, file)));
  const fixture = join(repoRoot, "test/fixtures/models", MINILM_SHAPE.name);
  const modelDir = real ? REAL_MODEL_FOLDER : fixture;
  if (!real)
    log(`model: the real model is missing (npm run model:real); using ${MINILM_SHAPE.name}`);
  if (!real && !existsSync(join(fixture, "onnx/model.onnx"))) {
    const generate = ["scripts/generate-fixture-models.ts", "--only", "minilm", "--if-missing"];
    const generated = spawnSync(process.execPath, ["--import", "tsx", ...generate], {
      cwd: repoRoot,
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (generated.status !== 0) {
      throw new Error(`Generating the benchmark model failed (exit ${generated.status}).`);
    }
  }
  return {
    modelDir,
    modelDescription: real
      ? "the real all-MiniLM-L6-v2 (`npm run model:real`, .cache/models/real/)"
      : `the all-MiniLM-L6-v2-shaped fixture ${MINILM_SHAPE.name} (random weights: same speed, meaningless vectors)`,
    modelHasInt8: existsSync(join(modelDir, ENCODER_FILES.q8)),
    loadEmbedder: () =>
      loadEmbedder({ model: modelDir, offline: true, cacheDir: join(workDir, "model-cache") }),
  };
}
