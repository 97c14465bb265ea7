import { describe, expect, it } from "vitest";
import { poolSpans } from "../../src/embed/pool-spans.ts";

describe("poolSpans", () => {
  // Two rows of three positions, two dims: row 1 holds (1, 0), (3, 4), (0, 4).
  const data = Float32Array.from([9, 9, 9, 9, 9, 9, 1, 0, 3, 4, 0, 4]);
  const hidden = { data, row: 1, seqLength: 3, dims: 2 };

  it("writes the unit-length mean of each span's positions, of its own row, to its slot", () => {
    const into: Float32Array[] = [];
    poolSpans(
      hidden,
      [
        { slot: 2, from: 1, to: 3 },
        { slot: 0, from: 0, to: 1 },
      ],
      into,
    );
    // Mean of (3, 4) and (0, 4) is (1.5, 4): over its norm, 4.272.
    expect(Array.from(into[2]!)).toEqual([
      expect.closeTo(1.5 / Math.hypot(1.5, 4), 6),
      expect.closeTo(4 / Math.hypot(1.5, 4), 6),
    ]);
    expect(Array.from(into[0]!)).toEqual([1, 0]);
    expect(into[1]).toBeUndefined();
  });
});
