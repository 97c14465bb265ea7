import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import { MODEL_FILES } from "../../src/embed/model-source.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { MINILM_SHAPE } from "../fixture-model/fixture-specs.ts";
import { REAL_MODEL_FOLDER } from "../real-model/real-model-folder.ts";
import type { BenchContext } from "./bench-section.ts";

/** The model the speed figures are measured with, and how the report names it. */
export type BenchModel = { dir: string; description: string };

/**
 * The real all-MiniLM-L6-v2 when `npm run model:real` has converted it; otherwise the
 * all-MiniLM-L6-v2-shaped fixture (the same compute, random weights), generated offline with
 * `scripts/generate-fixture-models.ts --only minilm --if-missing` when missing.
 *
 * @example
 * const { dir, description } = ensureBenchModel("/work/main", console.error);
 */
export function ensureBenchModel(repoRoot: string, log: (message: string) => void): BenchModel {
  if (MODEL_FILES.every((file) => existsSync(join(REAL_MODEL_FOLDER, file)))) {
    return {
      dir: REAL_MODEL_FOLDER,
      description: "the real all-MiniLM-L6-v2 (`npm run model:real`, .cache/models/real/)",
    };
  }
  const dir = join(repoRoot, "test/fixtures/models", MINILM_SHAPE.name);
  const description = `the all-MiniLM-L6-v2-shaped fixture ${MINILM_SHAPE.name} (random weights: same speed, meaningless vectors)`;
  log(`model: the real model is missing (npm run model:real); using ${MINILM_SHAPE.name}`);
  if (existsSync(join(dir, "onnx/model.onnx"))) return { dir, description };
  const generated = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/generate-fixture-models.ts", "--only", "minilm", "--if-missing"],
    { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] },
  );
  if (generated.status !== 0) {
    throw new Error(`Generating the benchmark model failed (exit ${generated.status}).`);
  }
  return { dir, description };
}

/**
 * The project's embedder on the bench model, loaded in this process.
 *
 * @example
 * const [vector] = await (await loadBenchEmbedder(context)).embed(["a question"]);
 */
export function loadBenchEmbedder(context: BenchContext): Promise<Embedder> {
  const cacheDir = join(context.workDir, "model-cache");
  return loadEmbedder({ model: context.modelDir, offline: true, cacheDir });
}
