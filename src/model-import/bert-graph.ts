import { type DenseWriter, floatDense } from "./dense-layer.ts";
import { createGraphBuilder, type GraphBuilder } from "./onnx/graph-builder.ts";
import type { OnnxModel } from "./onnx/onnx-model.ts";

/** The shape of a BERT encoder, in the words of a Hugging Face `config.json`. */
export type BertDimensions = {
  vocabSize: number;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  intermediateSize: number;
  maxPositions: number;
  typeVocabSize: number;
  layerNormEps: number;
};

/** Supplies the values of a named weight (names follow Hugging Face's BertModel state dict). */
export type WeightFill = (name: string, dims: number[]) => Float32Array;

/** The opset that introduced LayerNormalization. */
export const OPSET_VERSION = 17;
const IR_VERSION = 8;
const MASKED_SCORE = -10000;

/**
 * Builds a BERT encoder (BertModel, no pooler) as an ONNX model: embeddings, then
 * `numLayers` × (multi-head self-attention, residual + LayerNorm, GELU feed-forward,
 * residual + LayerNorm). Inputs `input_ids`, `attention_mask`, `token_type_ids` (int64
 * [batch_size, sequence_length]); output `last_hidden_state` (float32 [batch, seq, hidden]).
 * `dense` writes the six dense layers of each block (float32 unless told otherwise).
 *
 * @example
 * const model = bertEncoderModel(dims, (name, shape) => new Float32Array(shape.reduce((a, b) => a * b)));
 * writeFileSync("model.onnx", encodeOnnxModel(model));
 */
export function bertEncoderModel(
  dims: BertDimensions,
  fill: WeightFill,
  dense: DenseWriter = floatDense,
): OnnxModel {
  const graph = createGraphBuilder();
  const hidden = dims.hiddenSize;
  const headSize = hidden / dims.numHeads;
  if (!Number.isInteger(headSize) || dims.numLayers < 1) {
    throw new Error(
      `Invalid BERT shape: hiddenSize ${hidden} must be a multiple of numHeads ${dims.numHeads}, and numLayers ≥ 1`,
    );
  }

  const weight = (name: string, shape: number[]) => graph.tensor(name, shape, fill(name, shape));
  const int64s = (name: string, values: number[], shape = [values.length]) =>
    graph.tensor(name, shape, BigInt64Array.from(values, BigInt));
  const float = (name: string, value: number) => graph.tensor(name, [], Float32Array.of(value));
  const op: GraphBuilder["op"] = (...args) => graph.op(...args);

  const constants = {
    zero: int64s("const_zero", [0], []),
    one: int64s("const_one", [1], []),
    maskAxes: int64s("const_mask_axes", [1, 2]),
    headsShape: int64s("const_heads_shape", [0, 0, dims.numHeads, headSize]),
    hiddenShape: int64s("const_hidden_shape", [0, 0, hidden]),
    oneFloat: float("const_one_float", 1),
    half: float("const_half", 0.5),
    sqrtTwo: float("const_sqrt_two", Math.SQRT2),
    maskedScore: float("const_masked_score", MASKED_SCORE),
    scoreScale: float("const_score_scale", Math.sqrt(headSize)),
  };

  const linear = (scope: string, input: string, prefix: string, inSize: number, outSize: number) =>
    dense(graph, { scope, input, prefix, inSize, outSize }, fill);
  const layerNorm = (scope: string, x: string, prefix: string, output?: string) =>
    op(
      `${scope}/LayerNormalization`,
      "LayerNormalization",
      [x, weight(`${prefix}.weight`, [hidden]), weight(`${prefix}.bias`, [hidden])],
      { axis: { int: -1 }, epsilon: { float: dims.layerNormEps } },
      output,
    );

  // Embeddings: word + position + token type, then LayerNorm.
  const words = op("/embeddings/word_embeddings/Gather", "Gather", [
    weight("embeddings.word_embeddings.weight", [dims.vocabSize, hidden]),
    "input_ids",
  ]);
  const inputShape = op("/embeddings/Shape", "Shape", ["input_ids"]);
  const sequenceLength = op(
    "/embeddings/Gather_sequence_length",
    "Gather",
    [inputShape, constants.one],
    {
      axis: { int: 0 },
    },
  );
  const positionIds = op("/embeddings/Range", "Range", [
    constants.zero,
    sequenceLength,
    constants.one,
  ]);
  const positions = op("/embeddings/position_embeddings/Gather", "Gather", [
    weight("embeddings.position_embeddings.weight", [dims.maxPositions, hidden]),
    positionIds,
  ]);
  const types = op("/embeddings/token_type_embeddings/Gather", "Gather", [
    weight("embeddings.token_type_embeddings.weight", [dims.typeVocabSize, hidden]),
    "token_type_ids",
  ]);
  const summed = op("/embeddings/Add_1", "Add", [
    op("/embeddings/Add", "Add", [words, types]),
    positions,
  ]);
  let x = layerNorm("/embeddings/LayerNorm", summed, "embeddings.LayerNorm");

  // Additive attention mask [batch, 1, 1, seq]: 0 where attended, MASKED_SCORE on padding.
  const maskFloat = op("/mask/Cast", "Cast", ["attention_mask"], { to: { int: 1 } });
  const maskRows = op("/mask/Unsqueeze", "Unsqueeze", [maskFloat, constants.maskAxes]);
  const padding = op("/mask/Sub", "Sub", [constants.oneFloat, maskRows]);
  const additiveMask = op("/mask/Mul", "Mul", [padding, constants.maskedScore]);

  for (let layer = 0; layer < dims.numLayers; layer++) {
    const scope = `/encoder/layer.${layer}`;
    const prefix = `encoder.layer.${layer}`;
    const heads = (name: string, perm: number[]) => {
      const projected = linear(
        `${scope}/attention/self/${name}`,
        x,
        `${prefix}.attention.self.${name}`,
        hidden,
        hidden,
      );
      const split = op(`${scope}/attention/self/${name}/Reshape`, "Reshape", [
        projected,
        constants.headsShape,
      ]);
      return op(`${scope}/attention/self/${name}/Transpose`, "Transpose", [split], {
        perm: { ints: perm },
      });
    };
    const query = heads("query", [0, 2, 1, 3]);
    const keyTransposed = heads("key", [0, 2, 3, 1]);
    const value = heads("value", [0, 2, 1, 3]);

    const self = `${scope}/attention/self`;
    const scores = op(`${self}/MatMul`, "MatMul", [query, keyTransposed]);
    const scaled = op(`${self}/Div`, "Div", [scores, constants.scoreScale]);
    const masked = op(`${self}/Add`, "Add", [scaled, additiveMask]);
    const probabilities = op(`${self}/Softmax`, "Softmax", [masked], { axis: { int: -1 } });
    const context = op(`${self}/MatMul_1`, "MatMul", [probabilities, value]);
    const merged = op(`${self}/Transpose`, "Transpose", [context], {
      perm: { ints: [0, 2, 1, 3] },
    });
    const contextFlat = op(`${self}/Reshape`, "Reshape", [merged, constants.hiddenShape]);

    const attentionOut = linear(
      `${scope}/attention/output/dense`,
      contextFlat,
      `${prefix}.attention.output.dense`,
      hidden,
      hidden,
    );
    const attentionResidual = op(`${scope}/attention/output/Add`, "Add", [attentionOut, x]);
    const attended = layerNorm(
      `${scope}/attention/output/LayerNorm`,
      attentionResidual,
      `${prefix}.attention.output.LayerNorm`,
    );

    // Feed-forward with exact GELU: 0.5 · h · (1 + erf(h / √2)).
    const h = linear(
      `${scope}/intermediate/dense`,
      attended,
      `${prefix}.intermediate.dense`,
      hidden,
      dims.intermediateSize,
    );
    const erf = op(`${scope}/intermediate/Erf`, "Erf", [
      op(`${scope}/intermediate/Div`, "Div", [h, constants.sqrtTwo]),
    ]);
    const gate = op(`${scope}/intermediate/Add`, "Add", [erf, constants.oneFloat]);
    const gelu = op(`${scope}/intermediate/Mul_1`, "Mul", [
      op(`${scope}/intermediate/Mul`, "Mul", [h, gate]),
      constants.half,
    ]);
    const ffnOut = linear(
      `${scope}/output/dense`,
      gelu,
      `${prefix}.output.dense`,
      dims.intermediateSize,
      hidden,
    );
    const ffnResidual = op(`${scope}/output/Add`, "Add", [ffnOut, attended]);
    const isLast = layer === dims.numLayers - 1;
    x = layerNorm(
      `${scope}/output/LayerNorm`,
      ffnResidual,
      `${prefix}.output.LayerNorm`,
      isLast ? "last_hidden_state" : undefined,
    );
  }

  const tokenDims = ["batch_size", "sequence_length"];
  return {
    irVersion: IR_VERSION,
    opsetVersion: OPSET_VERSION,
    producerName: "paperchat",
    graph: {
      name: "bert_encoder",
      nodes: graph.nodes,
      initializers: graph.initializers,
      inputs: ["input_ids", "attention_mask", "token_type_ids"].map((name) => ({
        name,
        elementType: "int64" as const,
        dims: tokenDims,
      })),
      outputs: [
        { name: "last_hidden_state", elementType: "float32", dims: [...tokenDims, hidden] },
      ],
    },
  };
}
