import type { DenseWriter } from "../dense-layer.ts";
import type { GraphBuilder } from "../onnx/graph-builder.ts";
import { int8Columns } from "./int8-columns.ts";

/** ONNX's TensorProto.FLOAT, for `Cast`. */
const FLOAT = 1;

/**
 * The int8 dense layer, in the pattern onnxruntime's `quantize_dynamic` writes (its CPU
 * provider fuses it into `DynamicQuantizeMatMul` / `MatMulIntegerToFloat`): the activation is
 * quantized at run time to uint8 with one scale per tensor (`DynamicQuantizeLinear`, shared by
 * the layers that read the same activation, as query, key and value do), multiplied by the int8
 * weight (`MatMulInteger`, see `int8Columns`), and the int32 result is cast to float, multiplied
 * by activation scale × column scale, and the bias added. Where `divisors` has an entry for the
 * input (see `smoothingDivisors`), the activation is divided by it first and the weight's rows
 * multiplied by it. A writer serves one graph (it remembers the activations it quantized).
 *
 * @example
 * const model = bertEncoderModel(dims, fill, int8Dense(new Map()));
 */
export function int8Dense(divisors: ReadonlyMap<string, Float32Array>): DenseWriter {
  const quantized = new Map<string, string[]>();
  /** The activation as uint8, its scale and its zero point (written once per activation). */
  function quantize(graph: GraphBuilder, input: string): string[] {
    const done = quantized.get(input);
    if (done) return done;
    const divisor = divisors.get(input);
    const smoothed = divisor
      ? graph.op(`${input}/Smooth`, "Mul", [
          input,
          graph.tensor(
            `${input}_smooth_inverse`,
            [divisor.length],
            divisor.map((d) => 1 / d),
          ),
        ])
      : input;
    const outputs = graph.opOutputs(
      `${input}/DynamicQuantizeLinear`,
      "DynamicQuantizeLinear",
      [smoothed],
      3,
    );
    quantized.set(input, outputs);
    return outputs;
  }

  return (graph, { scope, input, prefix, inSize, outSize }, fill) => {
    const [activation, activationScale, activationZeroPoint] = quantize(graph, input);
    const weights = fill(`${prefix}.weight`, [inSize, outSize]);
    const divisor = divisors.get(input);
    const smoothed = divisor
      ? weights.map((weight, i) => weight * divisor[Math.floor(i / outSize)]!)
      : weights;
    const { values, scales } = int8Columns(smoothed, inSize, outSize);
    const product = graph.op(`${scope}/MatMulInteger`, "MatMulInteger", [
      activation!,
      graph.tensor(`${prefix}.weight_quantized`, [inSize, outSize], values),
      activationZeroPoint!,
      graph.tensor(`${prefix}.weight_zero_point`, [outSize], new Int8Array(outSize)),
    ]);
    const scale = graph.op(`${scope}/Scales`, "Mul", [
      activationScale!,
      graph.tensor(`${prefix}.weight_scale`, [outSize], scales),
    ]);
    const floats = graph.op(`${scope}/Cast`, "Cast", [product], { to: { int: FLOAT } });
    const rescaled = graph.op(`${scope}/Mul`, "Mul", [floats, scale]);
    const bias = `${prefix}.bias`;
    return graph.op(`${scope}/Add`, "Add", [
      rescaled,
      graph.tensor(bias, [outSize], fill(bias, [outSize])),
    ]);
  };
}
