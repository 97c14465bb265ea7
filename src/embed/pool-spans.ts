import type { PoolSpan } from "./paper-windows.ts";

/** Where one row's hidden states lie in a model output `[rows, seqLength, dims]`. */
export interface HiddenRow {
  /** The output's data, row-major. */
  data: Float32Array;
  row: number;
  seqLength: number;
  dims: number;
}

/**
 * Mean-pools a row's hidden states over each span and L2-normalises the result, writing the
 * vector to `into[span.slot]`: the pipeline's mean pooling, restricted to the span's positions.
 *
 * @example
 * poolSpans({ data, row: 0, seqLength: 12, dims: 384 }, [{ slot: 0, from: 0, to: 12 }], vectors);
 */
export function poolSpans(
  hidden: HiddenRow,
  spans: readonly PoolSpan[],
  into: Float32Array[],
): void {
  const { data, row, seqLength, dims } = hidden;
  const rowStart = row * seqLength * dims;
  const sum = new Float64Array(dims);
  for (const { slot, from, to } of spans) {
    sum.fill(0);
    for (let position = from; position < to; position++) {
      const at = rowStart + position * dims;
      for (let d = 0; d < dims; d++) sum[d]! += data[at + d]!;
    }
    let squares = 0;
    for (let d = 0; d < dims; d++) squares += sum[d]! * sum[d]!;
    // The mean's norm is the sum's norm over the count: dividing by the sum's norm does both.
    const scale = 1 / Math.sqrt(squares);
    const vector = new Float32Array(dims);
    for (let d = 0; d < dims; d++) vector[d] = sum[d]! * scale;
    into[slot] = vector;
  }
}
