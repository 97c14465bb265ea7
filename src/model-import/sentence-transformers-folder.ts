import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  POOLING_CONFIG_FILE,
  type Pooling,
  type PoolingConfig,
  poolingOf,
} from "../embed/model-pooling.ts";
import { ModelImportError } from "./model-import-error.ts";

/** What a sentence-transformers folder says around its transformer weights. */
export type SentenceTransformersLayout = {
  /** The folder holding config.json, the weights and the tokenizer. */
  transformerDir: string;
  pooling: Pooling;
  /** `sentence_bert_config.json`'s `max_seq_length`: where sentence-transformers truncates. */
  maxSeqLength?: number;
};

type Module = { path?: string; type?: string };

const readJson = <T>(path: string): T | undefined =>
  existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as T) : undefined;

/**
 * Reads a sentence-transformers folder's `modules.json`, pooling config and
 * `sentence_bert_config.json`; a plain Hugging Face folder (none of them) pools by mean.
 *
 * @example
 * sentenceTransformersLayout("./all-MiniLM-L6-v2"); // { transformerDir: "./all-MiniLM-L6-v2", pooling: "mean", maxSeqLength: 256 }
 */
export function sentenceTransformersLayout(folder: string): SentenceTransformersLayout {
  const modules = readJson<Module[]>(join(folder, "modules.json")) ?? [];
  const pathOf = (type: string, fallback: string) =>
    join(folder, modules.find((module) => module.type?.endsWith(type))?.path ?? fallback);
  const transformerDir = pathOf("models.Transformer", "");
  const poolingConfig =
    readJson<PoolingConfig>(join(pathOf("models.Pooling", "1_Pooling"), "config.json")) ?? {};
  const pooling = poolingOf(poolingConfig);
  if (typeof pooling !== "string")
    throw new ModelImportError(
      `${join(folder, POOLING_CONFIG_FILE)} asks for ${pooling.unsupported}.`,
    );
  const sentenceConfig = readJson<{ max_seq_length?: number }>(
    join(transformerDir, "sentence_bert_config.json"),
  );
  return { transformerDir, pooling, maxSeqLength: sentenceConfig?.max_seq_length };
}
