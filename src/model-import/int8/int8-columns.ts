/** A dense layer's weight [inSize, outSize] as int8, with one scale per output column. */
export type Int8Columns = {
  /** Row-major [inSize, outSize], each value in [-127, 127]. */
  values: Int8Array;
  /** The float a unit of each column stands for: weight ≈ value × scale. */
  scales: Float32Array;
};

const INT8_MAX = 127;

/**
 * Quantizes a weight matrix [inSize, outSize] to int8, symmetrically (zero point 0) per output
 * column. Each column's scale also keeps any two same-signed weights at rows 2i and 2i+1 within
 * 128 units together: x86 CPUs without VNNI multiply uint8 activations by int8 weights with
 * `vpmaddubsw`, which adds such pairs into an int16 and saturates past 32767 (255 × 128 = 32640
 * stays below). So the int8 encoder computes the same on every x86 CPU, at the cost of a
 * slightly coarser scale for the columns that have such a pair (1.27× at the median column of
 * all-MiniLM-L6-v2; onnxruntime's `reduce_range` doubles every column's). Simulated on that
 * model's reference texts: unbounded int8 weights would drop from mean cosine 0.9968, min
 * 0.985 to 0.9936, min 0.973 on a CPU without VNNI; bounded they give 0.9966, min 0.985 on
 * any CPU (7-bit weights: 0.9950, min 0.976).
 *
 * @example
 * const { values, scales } = int8Columns(Float32Array.of(0.5, -1, 0.25, 2), 2, 2);
 * // values [85, -64, 42, 127], scales [0.75 / 127, 2 / 127]: 0.5 and 0.25 are a same-signed pair
 */
export function int8Columns(weights: Float32Array, inSize: number, outSize: number): Int8Columns {
  if (weights.length !== inSize * outSize)
    throw new Error(
      `A [${inSize}, ${outSize}] weight needs ${inSize * outSize} values, not ${weights.length}`,
    );
  const scales = new Float32Array(outSize);
  for (let column = 0; column < outSize; column++) {
    let bound = 0;
    for (let row = 0; row < inSize; row += 2) {
      const first = weights[row * outSize + column]!;
      const second = row + 1 < inSize ? weights[(row + 1) * outSize + column]! : 0;
      const pair =
        Math.sign(first) === Math.sign(second)
          ? Math.abs(first) + Math.abs(second)
          : Math.max(Math.abs(first), Math.abs(second));
      bound = Math.max(bound, pair);
    }
    scales[column] = bound > 0 ? bound / INT8_MAX : 1;
  }
  const values = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) {
    const scaled = weights[i]! / scales[i % outSize]!;
    values[i] = Math.sign(scaled) * Math.min(INT8_MAX, Math.round(Math.abs(scaled)));
  }
  return { values, scales };
}
