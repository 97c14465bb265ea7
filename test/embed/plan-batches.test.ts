import { describe, expect, it } from "vitest";
import { batchesByLength, uniqueTexts } from "../../src/embed/plan-batches.ts";

describe("uniqueTexts", () => {
  it("keeps each distinct text once and maps every input to it", () => {
    const { unique, slotOf } = uniqueTexts(["b", "aa", "b", "ccc", "aa"]);
    expect(unique).toEqual(["b", "aa", "ccc"]);
    expect(slotOf.map((slot) => unique[slot])).toEqual(["b", "aa", "b", "ccc", "aa"]);
  });
});

describe("batchesByLength", () => {
  it("groups items of similar length into batches of at most batchSize", () => {
    const texts = ["xxxxx", "x", "xxx", "xx", "xxxx"];
    const batches = batchesByLength(
      texts.map((text) => text.length),
      2,
    );
    expect(batches.map((b) => b.map((i) => texts[i]))).toEqual([
      ["x", "xx"],
      ["xxx", "xxxx"],
      ["xxxxx"],
    ]);
  });

  it("returns indices, shortest first, in batches of at most batchSize", () => {
    expect(batchesByLength([5, 1, 3, 2], 3)).toEqual([[1, 3, 2], [0]]);
  });

  it("plans nothing for nothing and refuses a batch size that is not a positive integer", () => {
    expect(batchesByLength([], 4)).toEqual([]);
    expect(() => batchesByLength([1], 0)).toThrow(RangeError);
    expect(() => batchesByLength([1], 1.5)).toThrow(RangeError);
  });
});
