import { existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** Where a model comes from: a folder on disk, or a Hugging Face hub id cached under `cacheDir`. */
export type ModelSource =
  | { kind: "folder"; path: string }
  | { kind: "hub"; id: string; cacheDir: string };

/** The files transformers.js needs in a model folder. */
export const MODEL_FILES = [
  "config.json",
  "tokenizer.json",
  "tokenizer_config.json",
  "onnx/model.onnx",
] as const;

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

/** The model files missing from a folder (empty when the folder is complete). */
export function missingModelFiles(folder: string): string[] {
  return MODEL_FILES.filter((file) => !existsSync(join(folder, file)));
}

/**
 * A message that tells a person exactly how to make the model available.
 *
 * @example
 * howToProvideModel(modelSource("Xenova/all-MiniLM-L6-v2", ".cache/models"), true);
 */
export function howToProvideModel(source: ModelSource, offline: boolean): string {
  const files = MODEL_FILES.join(", ");
  if (source.kind === "folder") {
    const missing = missingModelFiles(source.path);
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
  return `The embedding model "${source.id}" is not available${offline ? " offline" : ""}. To fix it: ${ways.join("; ")}.`;
}
