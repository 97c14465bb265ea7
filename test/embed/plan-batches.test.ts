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

  it("cuts a batch where a longer item would make padding more than a quarter of its tokens", () => {
    // Sixteen short questions and one long one: together they would be padded to 200 tokens each.
    const lengths = [...Array(16).fill(12), 200];
    expect(batchesByLength(lengths, 32)).toEqual([Array.from({ length: 16 }, (_, i) => i), [16]]);
    // Lengths that differ by a few tokens stay together.
    expect(batchesByLength([12, 14, 16, 20, 22], 32)).toEqual([[0, 1, 2, 3, 4]]);
    // Whatever the lengths, no batch pads by more than a quarter once it is worth cutting.
    const mixed = Array.from({ length: 200 }, (_, i) => 5 + ((i * 37) % 250));
    for (const batch of batchesByLength(mixed, 32)) {
      const longest = Math.max(...batch.map((i) => mixed[i]!));
      const real = batch.reduce((sum, i) => sum + mixed[i]!, 0);
      const padding = longest * batch.length - real;
      expect(padding <= 64 || padding <= 0.25 * longest * batch.length).toBe(true);
    }
  });

  it("plans nothing for nothing and refuses a batch size that is not a positive integer", () => {
    expect(batchesByLength([], 4)).toEqual([]);
    expect(() => batchesByLength([1], 0)).toThrow(RangeError);
    expect(() => batchesByLength([1], 1.5)).toThrow(RangeError);
  });
});
