import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { MODEL_FILES } from "../../src/embed/model-source.ts";
import { MINILM_SHAPE } from "../fixture-model/fixture-specs.ts";
import { REAL_MODEL_FOLDER } from "../real-model/real-model-folder.ts";

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
  log(`model: the real model is missing (npm run model:real); using ${MINILM_SHAPE.name}`);
  return ensureShapedModel(repoRoot, log);
}

/**
 * The all-MiniLM-L6-v2-shaped fixture (the same compute, random weights, a 512-token window),
 * generated offline with `scripts/generate-fixture-models.ts --only minilm --if-missing` when
 * missing: what the indexing target is defined on.
 *
 * @example
 * const { dir } = ensureShapedModel("/work/main", console.error);
 */
export function ensureShapedModel(repoRoot: string, log: (message: string) => void): BenchModel {
  const dir = join(repoRoot, "test/fixtures/models", MINILM_SHAPE.name);
  const description = `the all-MiniLM-L6-v2-shaped fixture ${MINILM_SHAPE.name} (random weights: same speed, meaningless vectors)`;
  if (existsSync(join(dir, "onnx/model.onnx"))) return { dir, description };
  log(`model: generating ${MINILM_SHAPE.name} (all-MiniLM-L6-v2's shape, random weights)`);
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
