import { existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** Where a model comes from: a folder on disk, or a Hugging Face hub id cached under `cacheDir`. */
export type ModelSource =
  | { kind: "folder"; path: string }
  | { kind: "hub"; id: string; cacheDir: string };

/**
 * Which encoder of a model runs: the float32 one, or the int8 one (weights int8 per output
 * channel, activations quantized at run time), as transformers.js names them.
 */
export type ModelDtype = "fp32" | "q8";

/** Every `ModelDtype`, in the order help texts list them. */
export const MODEL_DTYPES: readonly ModelDtype[] = ["fp32", "q8"];

/** The encoder file transformers.js loads for each dtype (it adds `_quantized` for q8). */
export const ENCODER_FILES: Record<ModelDtype, string> = {
  fp32: "onnx/model.onnx",
  q8: "onnx/model_quantized.onnx",
};

const TOKENIZER_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json"] as const;

/**
 * The files transformers.js needs in a model folder to run the encoder of `dtype`.
 *
 * @example
 * modelFiles("q8"); // ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model_quantized.onnx"]
 */
export function modelFiles(dtype: ModelDtype = "fp32"): string[] {
  return [...TOKENIZER_FILES, ENCODER_FILES[dtype]];
}

/** The files transformers.js needs in a model folder (float32 encoder). */
export const MODEL_FILES = modelFiles("fp32");

/**
 * Decides whether `model` names a local folder or a hub id. A value that starts with `.`, `/`
 * or `~`, or that names an existing folder, is a folder; anything else is a hub id.
 *
 * @example
 * modelSource("Xenova/all-MiniLM-L6-v2", ".cache/models"); // { kind: "hub", ... }
 * modelSource("./models/minilm", ".cache/models"); // { kind: "folder", path: "/abs/models/minilm" }
 */
export function modelSource(model: string, cacheDir: string): ModelSource {
  const looksLikePath = /^(\.{1,2}\/|\/|~)/.test(model);
  const isFolder = existsSync(model) && statSync(model).isDirectory();
  if (looksLikePath || isFolder) {
    return { kind: "folder", path: resolve(model.replace(/^~(?=\/)/, homedir())) };
  }
  return { kind: "hub", id: model, cacheDir: resolve(cacheDir) };
}

/**
 * The model files missing from a folder for the encoder of `dtype` (empty when complete).
 *
 * @example
 * missingModelFiles("models/minilm", "q8"); // ["onnx/model_quantized.onnx"] before `--quantize int8`
 */
export function missingModelFiles(folder: string, dtype: ModelDtype = "fp32"): string[] {
  return modelFiles(dtype).filter((file) => !existsSync(join(folder, file)));
}

/**
 * A message that tells a person exactly how to make the model available.
 *
 * @example
 * howToProvideModel(modelSource("Xenova/all-MiniLM-L6-v2", ".cache/models"), true);
 */
export function howToProvideModel(
  source: ModelSource,
  offline: boolean,
  dtype: ModelDtype = "fp32",
): string {
  const files = modelFiles(dtype).join(", ");
  if (source.kind === "folder") {
    const missing = missingModelFiles(source.path, dtype);
    if (missing.length === 1 && missing[0] === ENCODER_FILES.q8) {
      return `The model folder ${source.path} has no ${ENCODER_FILES.q8}, the int8 encoder that --dtype q8 (PAPERCHAT_DTYPE=q8) loads. Write it beside the float32 one with \`paperchat model import --quantize int8 CHECKPOINT ${source.path}\` (CHECKPOINT: the sentence-transformers folder it was imported from), or use --dtype fp32.`;
    }
    return `The model folder ${source.path} is incomplete (missing: ${missing.join(", ") || "none"}). It must contain ${files}. Point PAPERCHAT_MODEL (or --model) at a complete folder.`;
  }
  const where = join(source.cacheDir, source.id);
  const ways = [
    offline
      ? "run once without PAPERCHAT_OFFLINE=1 (and without --offline) on a machine that can reach huggingface.co, so the model is downloaded and cached"
      : "check that this machine can reach huggingface.co, then run again (the model is downloaded once and cached)",
    `or copy the model's files (${files}) into ${where}/`,
    "or set PAPERCHAT_MODEL (or --model) to a local folder holding those files",
  ];
  return `The embedding model "${source.id}"${dtype === "fp32" ? "" : ` (dtype ${dtype})`} is not available${offline ? " offline" : ""}. To fix it: ${ways.join("; ")}.`;
}
