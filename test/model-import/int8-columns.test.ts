import { describe, expect, it } from "vitest";
import { int8Columns } from "../../src/model-import/int8/int8-columns.ts";
import { smoothingDivisors } from "../../src/model-import/int8/smoothing.ts";

/** A deterministic matrix with a few large weights, as trained layers have. */
function weights(inSize: number, outSize: number, seed = 7): Float32Array {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
  return Float32Array.from({ length: inSize * outSize }, () => next() * (next() > 0.45 ? 4 : 1));
}

describe("int8Columns", () => {
  const [inSize, outSize] = [64, 24];
  const w = weights(inSize, outSize);
  const { values, scales } = int8Columns(w, inSize, outSize);

  it("quantizes each output column symmetrically, within half a step of every weight", () => {
    expect(scales).toHaveLength(outSize);
    for (let i = 0; i < w.length; i++) {
      const scale = scales[i % outSize]!;
      expect(Math.abs(values[i]!)).toBeLessThanOrEqual(127);
      expect(Math.abs(values[i]! * scale - w[i]!)).toBeLessThanOrEqual(scale / 2 + 1e-7);
    }
  });

  it("keeps same-signed weights of rows 2i and 2i+1 within 128 together (no int16 saturation without VNNI)", () => {
    let tightest = 0;
    for (let column = 0; column < outSize; column++) {
      for (let row = 0; row < inSize; row += 2) {
        const [a, b] = [values[row * outSize + column]!, values[(row + 1) * outSize + column]!];
        const pair = Math.sign(a) === Math.sign(b) ? Math.abs(a) + Math.abs(b) : 0;
        expect(255 * pair).toBeLessThanOrEqual(32767);
        tightest = Math.max(tightest, pair);
      }
    }
    // The bound is used, not just respected: the largest pair fills the range.
    expect(tightest).toBeGreaterThanOrEqual(127);
  });

  it("uses the full int8 range where no same-signed pair is large", () => {
    // Rows [2, -1] and [-2, 1]: both columns pair weights of opposite signs.
    const alternating = Float32Array.of(2, -1, -2, 1);
    const result = int8Columns(alternating, 2, 2);
    expect(Array.from(result.values)).toEqual([127, -127, -127, 127]);
    expect(int8Columns(new Float32Array(4), 2, 2).scales).toEqual(Float32Array.of(1, 1));
  });
});

describe("smoothingDivisors", () => {
  it("scales down only the channels far above the median range, by the square root of their excess", () => {
    const divisors = smoothingDivisors(Float32Array.of(1, 1.5, 0.8, 1, 16));
    expect(Array.from(divisors!).map((d) => Number(d.toFixed(4)))).toEqual([1, 1, 1, 1, 2.8284]);
  });

  it("is undefined when no channel stands out", () => {
    expect(smoothingDivisors(Float32Array.of(1, 1.5, 0.8, 1.9))).toBeUndefined();
    expect(smoothingDivisors(new Float32Array(4))).toBeUndefined();
  });
});
