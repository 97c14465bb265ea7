import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { POOLING_CONFIG_FILE, type Pooling } from "../embed/model-pooling.ts";
import { ENCODER_FILES } from "../embed/model-source.ts";
import { type BertConfig, bertDimensions } from "./bert-config.ts";
import { bertEncoderModel } from "./bert-graph.ts";
import { checkpointWeightFill } from "./checkpoint-weights.ts";
import { int8EncoderModel } from "./int8/int8-encoder.ts";
import { ModelImportError } from "./model-import-error.ts";
import { encodeOnnxModel } from "./onnx/onnx-model.ts";
import { readSafetensors } from "./safetensors.ts";
import { sentenceTransformersLayout } from "./sentence-transformers-folder.ts";
import { type FolderFile, writeFolderAtomically } from "./write-folder-atomically.ts";

export type ImportModelOptions = {
  /** A sentence-transformers (or Hugging Face BERT) folder with config.json, model.safetensors, tokenizer.json. */
  from: string;
  /** The model folder to write (replaced atomically). */
  to: string;
  /** `int8`: also write the dynamically quantized encoder, `onnx/model_quantized.onnx` (dtype q8). */
  quantize?: "int8";
};

/** What an import wrote; also stored as `paperchat-import.json` in the output folder. */
export type ImportedModel = {
  from: string;
  /** sha256 of the source `model.safetensors`. */
  weightsSha256: string;
  pooling: Pooling;
  /** Where the tokenizer truncates (the window sentence-transformers uses). */
  maxTokens: number;
  hiddenSize: number;
  layers: number;
  /** With `--quantize int8`: the int8 encoder's calibration. */
  int8?: { calibrationTexts: number; smoothedActivations: number };
};

/** The record of an import, inside the output folder. */
export const IMPORT_RECORD_FILE = "paperchat-import.json";

const textEncoder = new TextEncoder();
const jsonFile = (path: string, value: unknown): FolderFile => ({
  path,
  bytes: textEncoder.encode(`${JSON.stringify(value, null, 2)}\n`),
});

function readRequired(dir: string, file: string, whatToDo: string): Buffer {
  const path = join(dir, file);
  if (!existsSync(path)) throw new ModelImportError(`${dir} has no ${file}. ${whatToDo}`);
  return readFileSync(path);
}

/**
 * Converts a BERT-family sentence-transformers checkpoint into the folder transformers.js loads:
 * `config.json`, `tokenizer.json`, `tokenizer_config.json` (cut at the checkpoint's
 * `max_seq_length`), `onnx/model.onnx` (written by paperchat's ONNX BERT writer from the
 * safetensors weights), `1_Pooling/config.json` (mean or CLS) and `paperchat-import.json`;
 * with `quantize: "int8"` also `onnx/model_quantized.onnx` (`int8EncoderModel`), which
 * transformers.js loads for `dtype: "q8"`. Throws `ModelImportError` for anything else.
 *
 * @example
 * await importModel({ from: "~/models/all-MiniLM-L6-v2", to: "models/all-MiniLM-L6-v2", quantize: "int8" });
 */
export async function importModel(options: ImportModelOptions): Promise<ImportedModel> {
  const from = resolve(options.from);
  if (!existsSync(from)) throw new ModelImportError(`${from} does not exist.`);
  const layout = sentenceTransformersLayout(from);
  const dir = layout.transformerDir;
  const configBytes = readRequired(
    dir,
    "config.json",
    "Point at the folder sentence-transformers saved (model.save(folder)).",
  );
  const config = JSON.parse(configBytes.toString("utf8")) as BertConfig;
  const dims = bertDimensions(config);
  const weightsBytes = readRequired(
    dir,
    "model.safetensors",
    existsSync(join(dir, "pytorch_model.bin"))
      ? "It holds pytorch_model.bin only: re-save it as safetensors in Python (model.save(folder, safe_serialization=True))."
      : "paperchat reads the weights from model.safetensors.",
  );
  const tokenizer = JSON.parse(
    readRequired(
      dir,
      "tokenizer.json",
      "Save a fast tokenizer in Python: AutoTokenizer.from_pretrained(folder).save_pretrained(folder).",
    ).toString("utf8"),
  ) as Record<string, unknown>;
  const tokenizerConfigPath = join(dir, "tokenizer_config.json");
  const tokenizerConfig = existsSync(tokenizerConfigPath)
    ? (JSON.parse(readFileSync(tokenizerConfigPath, "utf8")) as Record<string, unknown>)
    : {};

  const maxTokens = Math.min(
    Number(tokenizerConfig.model_max_length) || Number.POSITIVE_INFINITY,
    layout.maxSeqLength ?? Number.POSITIVE_INFINITY,
    dims.maxPositions,
  );
  const weightsFile = join(dir, "model.safetensors");
  const weights = checkpointWeightFill(readSafetensors(weightsFile), weightsFile);
  const modelFiles: FolderFile[] = [
    { path: "config.json", bytes: configBytes },
    // Truncation and padding are the caller's business (the embedder's window), as in Python.
    jsonFile("tokenizer.json", { ...tokenizer, truncation: null, padding: null }),
    jsonFile("tokenizer_config.json", { ...tokenizerConfig, model_max_length: maxTokens }),
  ];
  const encoders: FolderFile[] = [
    { path: ENCODER_FILES.fp32, bytes: encodeOnnxModel(bertEncoderModel(dims, weights)) },
  ];
  const imported: ImportedModel = {
    from,
    weightsSha256: createHash("sha256").update(weightsBytes).digest("hex"),
    pooling: layout.pooling,
    maxTokens,
    hiddenSize: dims.hiddenSize,
    layers: dims.numLayers,
  };
  if (options.quantize === "int8") {
    const int8 = await int8EncoderModel({ dims, fill: weights, files: modelFiles, maxTokens });
    encoders.push({ path: ENCODER_FILES.q8, bytes: encodeOnnxModel(int8.model) });
    imported.int8 = {
      calibrationTexts: int8.calibrationTexts,
      smoothedActivations: int8.smoothedActivations,
    };
  }
  writeFolderAtomically(resolve(options.to), [
    ...modelFiles,
    ...encoders,
    jsonFile(POOLING_CONFIG_FILE, {
      word_embedding_dimension: dims.hiddenSize,
      pooling_mode_cls_token: layout.pooling === "cls",
      pooling_mode_mean_tokens: layout.pooling === "mean",
    }),
    jsonFile(IMPORT_RECORD_FILE, imported),
  ]);
  return imported;
}
