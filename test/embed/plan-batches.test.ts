import { describe, expect, it } from "vitest";
import { batchesByLength, planBatches } from "../../src/embed/plan-batches.ts";

describe("planBatches", () => {
  it("keeps each distinct text once and maps every input to it", () => {
    const plan = planBatches(["b", "aa", "b", "ccc", "aa"], 10);
    expect(plan.unique).toEqual(["b", "aa", "ccc"]);
    expect(plan.slotOf.map((slot) => plan.unique[slot])).toEqual(["b", "aa", "b", "ccc", "aa"]);
  });

  it("groups texts of similar length into batches of at most batchSize", () => {
    const texts = ["xxxxx", "x", "xxx", "xx", "xxxx"];
    const plan = planBatches(texts, 2);
    expect(plan.batches.map((b) => b.map((slot) => plan.unique[slot]))).toEqual([
      ["x", "xx"],
      ["xxx", "xxxx"],
      ["xxxxx"],
    ]);
  });

  it("plans nothing for no texts and refuses a batch size below 1", () => {
    expect(planBatches([], 4).batches).toEqual([]);
    expect(() => planBatches(["a"], 0)).toThrow(RangeError);
  });
});

describe("batchesByLength", () => {
  it("returns indices, shortest first, in batches of at most batchSize", () => {
    expect(batchesByLength([5, 1, 3, 2], 3)).toEqual([[1, 3, 2], [0]]);
    expect(() => batchesByLength([1], 1.5)).toThrow(RangeError);
  });
});
