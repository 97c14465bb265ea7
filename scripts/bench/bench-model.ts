import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { MINILM_SHAPE } from "../fixture-model/fixture-specs.ts";

/**
 * Makes sure the all-MiniLM-L6-v2-shaped fixture model exists (generating it offline with
 * `scripts/generate-fixture-models.ts --only minilm --if-missing` when it does not) and returns
 * its folder.
 *
 * @example
 * const modelDir = ensureBenchModel("/work/main", console.error);
 */
export function ensureBenchModel(repoRoot: string, log: (message: string) => void): string {
  const modelDir = join(repoRoot, "test/fixtures/models", MINILM_SHAPE.name);
  if (existsSync(join(modelDir, "onnx/model.onnx"))) return modelDir;
  log(`model: generating ${MINILM_SHAPE.name} (all-MiniLM-L6-v2's shape, random weights)`);
  const generated = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/generate-fixture-models.ts", "--only", "minilm", "--if-missing"],
    { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] },
  );
  if (generated.status !== 0) {
    throw new Error(`Generating the benchmark model failed (exit ${generated.status}).`);
  }
  return modelDir;
}
