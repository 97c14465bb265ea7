import type { WeightFill } from "./bert-graph.ts";
import type { GraphBuilder } from "./onnx/graph-builder.ts";

/** One dense layer of the encoder: `input · weight + bias`, weight [inSize, outSize]. */
export type DenseLayer = {
  /** The node-name prefix, e.g. `/encoder/layer.0/attention/self/query`. */
  scope: string;
  /** The activation it reads ([batch, sequence, inSize]). */
  input: string;
  /** The weight's name without `.weight`/`.bias`, e.g. `encoder.layer.0.attention.self.query`. */
  prefix: string;
  inSize: number;
  outSize: number;
};

/** Writes a dense layer into the graph and returns its output; float32 by default. */
export type DenseWriter = (graph: GraphBuilder, layer: DenseLayer, fill: WeightFill) => string;

/**
 * The float32 dense layer: `MatMul` by the weight, then `Add` of the bias.
 *
 * @example
 * bertEncoderModel(dims, fill, floatDense); // the same as bertEncoderModel(dims, fill)
 */
export const floatDense: DenseWriter = (graph, { scope, input, prefix, inSize, outSize }, fill) => {
  const weight = `${prefix}.weight`;
  const bias = `${prefix}.bias`;
  const product = graph.op(`${scope}/MatMul`, "MatMul", [
    input,
    graph.tensor(weight, [inSize, outSize], fill(weight, [inSize, outSize])),
  ]);
  return graph.op(`${scope}/Add`, "Add", [
    product,
    graph.tensor(bias, [outSize], fill(bias, [outSize])),
  ]);
};
