import { resolve } from "node:path";
import { readCorpus } from "../../corpus/read-corpus.ts";
import { REPOSITORY_ROOT } from "../../settings/repository.ts";
import { type BertDimensions, bertEncoderModel, type WeightFill } from "../bert-graph.ts";
import { floatDense } from "../dense-layer.ts";
import type { OnnxModel } from "../onnx/onnx-model.ts";
import type { FolderFile } from "../write-folder-atomically.ts";
import { activationRanges } from "./activation-ranges.ts";
import { int8Dense } from "./int8-dense.ts";
import { smoothingDivisors } from "./smoothing.ts";

/** The bundled corpus, whose 70 paper texts (title and abstract) calibrate the int8 encoder. */
export const CALIBRATION_CORPUS = resolve(REPOSITORY_ROOT, "data/trending-papers.txt");

export type Int8EncoderOptions = {
  dims: BertDimensions;
  fill: WeightFill;
  /** config.json, tokenizer.json and tokenizer_config.json, as the model folder gets them. */
  files: FolderFile[];
  /** Where the tokenizer cuts calibration texts. */
  maxTokens: number;
  /** Texts to calibrate on (default: the paper texts of the bundled corpus). */
  texts?: readonly string[];
};

/** The int8 encoder and what its calibration found. */
export type Int8Encoder = {
  model: OnnxModel;
  calibrationTexts: number;
  /** Dense-layer inputs whose outlier channels are scaled down before quantizing. */
  smoothedActivations: number;
};

/**
 * Writes the int8 encoder of a BERT checkpoint: the float32 graph runs once over calibration
 * texts to find each dense layer input's per-channel range (`activationRanges`), outlier
 * channels are scaled into the weights (`smoothingDivisors`), and every dense layer becomes
 * a dynamically quantized one (`int8Dense`). Embeddings, LayerNorm, attention scores and GELU
 * stay float32.
 *
 * @example
 * const { model } = await int8EncoderModel({ dims, fill, files, maxTokens: 256 });
 * writeFileSync("onnx/model_quantized.onnx", encodeOnnxModel(model));
 */
export async function int8EncoderModel(options: Int8EncoderOptions): Promise<Int8Encoder> {
  const { dims, fill } = options;
  const activations = new Map<string, number>();
  const float = bertEncoderModel(dims, fill, (graph, layer, weights) => {
    activations.set(layer.input, layer.inSize);
    return floatDense(graph, layer, weights);
  });
  const texts =
    options.texts ??
    (await readCorpus(CALIBRATION_CORPUS)).papers.map((p) => `${p.title}\n${p.abstract}`);
  const ranges = await activationRanges({
    model: float,
    activations,
    files: options.files,
    texts,
    maxTokens: options.maxTokens,
  });
  const divisors = new Map<string, Float32Array>();
  for (const [name, range] of ranges) {
    const divisor = smoothingDivisors(range);
    if (divisor) divisors.set(name, divisor);
  }
  return {
    model: bertEncoderModel(dims, fill, int8Dense(divisors)),
    calibrationTexts: texts.length,
    smoothedActivations: divisors.size,
  };
}
