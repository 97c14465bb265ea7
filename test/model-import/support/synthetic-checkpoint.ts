import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { weightFill } from "../../../scripts/fixture-model/bert-weights.ts";
import type { FixtureSpec } from "../../../scripts/fixture-model/fixture-specs.ts";
import { modelFilesFor } from "../../../scripts/fixture-model/model-files.ts";
import {
  buildVocabulary,
  corpusCharacters,
  wordsByFrequency,
} from "../../../scripts/fixture-model/vocabulary.ts";
import { bertEncoderModel } from "../../../src/model-import/bert-graph.ts";
import { BUNDLED_CORPUS } from "../../support/tiny-index.ts";

/** A small BERT with random weights everywhere, so every weight (and its layout) matters. */
export const SYNTHETIC_BERT: FixtureSpec = {
  name: "synthetic-bert",
  dimensions: {
    hiddenSize: 32,
    numLayers: 2,
    numHeads: 4,
    intermediateSize: 64,
    maxPositions: 64,
    typeVocabSize: 2,
    layerNormEps: 1e-12,
  },
  modelMaxLength: 64,
  weights: { kind: "random", std: 0.2 },
  seed: 424242,
  vocabulary: { maxFolderBytes: 1_000_000 },
};

type Tensor = { name: string; shape: number[]; values: Float32Array | BigInt64Array };

/** A safetensors file: 8-byte header length, JSON header (space-padded to 8 bytes), data. */
function encodeSafetensors(tensors: Tensor[]): Uint8Array {
  let offset = 0;
  const header: Record<string, unknown> = { __metadata__: { format: "pt" } };
  for (const { name, shape, values } of tensors) {
    const dtype = values instanceof Float32Array ? "F32" : "I64";
    header[name] = { dtype, shape, data_offsets: [offset, offset + values.byteLength] };
    offset += values.byteLength;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (json.length % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const bytes = new Uint8Array(8 + headerBytes.byteLength + offset);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(headerBytes.byteLength), true);
  bytes.set(headerBytes, 8);
  let at = 8 + headerBytes.byteLength;
  for (const { values } of tensors) {
    bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), at);
    at += values.byteLength;
  }
  return bytes;
}

// PyTorch stores a Linear weight [out, in]; the ONNX graph asks for [in, out].
function toTorchLayout(name: string, dims: number[], values: Float32Array): Tensor {
  if (dims.length !== 2 || name.endsWith("_embeddings.weight"))
    return { name, shape: dims, values };
  const [rows, columns] = dims as [number, number];
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) out[c * rows + r] = values[r * columns + c]!;
  return { name, shape: [columns, rows], values: out };
}

export type SyntheticCheckpoint = {
  /** A sentence-transformers folder: config.json, model.safetensors, tokenizer files, modules. */
  checkpoint: string;
  /** The same weights written straight to ONNX by the fixture generator. */
  direct: string;
};

/**
 * Writes a synthetic BERT checkpoint as sentence-transformers saves one (weights in PyTorch
 * layout, plus the `position_ids` buffer and a pooler the importer must ignore), and the same
 * model written directly by the fixture generator, to compare against.
 *
 * @example
 * const { checkpoint, direct } = writeSyntheticCheckpoint(tempDir(), { pooling: "mean" });
 */
export function writeSyntheticCheckpoint(
  root: string,
  options: { pooling: "mean" | "cls"; prefix?: string },
): SyntheticCheckpoint {
  const corpus = readFileSync(BUNDLED_CORPUS, "utf8");
  const vocabulary = buildVocabulary({
    characters: corpusCharacters(corpus),
    words: wordsByFrequency(corpus).slice(0, 2000),
  });
  const files = modelFilesFor(SYNTHETIC_BERT, vocabulary);
  const write = (folder: string, path: string, bytes: Uint8Array | string) => {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), bytes);
  };
  const direct = join(root, "direct");
  const checkpoint = join(root, "checkpoint");
  for (const file of files) write(direct, file.path, file.bytes);

  const tensors: Tensor[] = [];
  const fill = weightFill(SYNTHETIC_BERT.weights, SYNTHETIC_BERT.seed);
  const hidden = SYNTHETIC_BERT.dimensions.hiddenSize;
  bertEncoderModel({ ...SYNTHETIC_BERT.dimensions, vocabSize: vocabulary.length }, (name, dims) => {
    const values = fill(name, dims);
    tensors.push(toTorchLayout(`${options.prefix ?? ""}${name}`, dims, values));
    return values;
  });
  tensors.push(
    { name: "embeddings.position_ids", shape: [1, 64], values: new BigInt64Array(64) },
    { name: "pooler.dense.weight", shape: [hidden, hidden], values: new Float32Array(hidden ** 2) },
  );
  write(checkpoint, "model.safetensors", encodeSafetensors(tensors));
  for (const file of files.filter((f) => f.path.endsWith(".json")))
    write(checkpoint, file.path, file.bytes);
  write(checkpoint, "sentence_bert_config.json", JSON.stringify({ max_seq_length: 48 }));
  write(
    checkpoint,
    "modules.json",
    JSON.stringify([
      { idx: 0, name: "0", path: "", type: "sentence_transformers.models.Transformer" },
      { idx: 1, name: "1", path: "1_Pooling", type: "sentence_transformers.models.Pooling" },
    ]),
  );
  write(
    checkpoint,
    "1_Pooling/config.json",
    JSON.stringify({
      word_embedding_dimension: hidden,
      pooling_mode_cls_token: options.pooling === "cls",
      pooling_mode_mean_tokens: options.pooling === "mean",
    }),
  );
  return { checkpoint, direct };
}
