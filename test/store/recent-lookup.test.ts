import { describe, expect, it } from "vitest";
import { createRecentLookup } from "../../src/store/recent-lookup.ts";

/** A look-up over a fixed table that records what it was asked. */
function recordingLookUp(table: Map<number, string>) {
  const asked: number[][] = [];
  const lookUp = (keys: readonly number[]) => {
    asked.push([...keys]);
    return keys.flatMap((key) => (table.has(key) ? [[key, table.get(key)!] as const] : []));
  };
  return { asked, lookUp };
}

const TABLE = new Map(Array.from({ length: 10 }, (_, i) => [i, `paper-${i}`]));

describe("createRecentLookup", () => {
  it("answers what the look-up answers, distinct keys in the order given, absent ones as `absent`", () => {
    const { lookUp } = recordingLookUp(TABLE);
    const recent = createRecentLookup({ lookUp, absent: "none", capacity: 100 });
    recent.get([4, 2]);
    expect([...recent.get([7, 2, 99, 4, 7])]).toEqual([
      [7, "paper-7"],
      [2, "paper-2"],
      [99, "none"],
      [4, "paper-4"],
    ]);
  });

  it("looks up only the keys it does not remember, absent ones included", () => {
    const { asked, lookUp } = recordingLookUp(TABLE);
    const recent = createRecentLookup({ lookUp, absent: undefined, capacity: 100 });
    recent.get([1, 2, 99]);
    recent.get([2, 3, 99, 1]);
    recent.get([3, 2]);
    expect(asked).toEqual([[1, 2, 99], [3]]);
  });

  it("keeps at most `capacity` keys, forgetting the least recently used first", () => {
    const { asked, lookUp } = recordingLookUp(TABLE);
    const recent = createRecentLookup({ lookUp, absent: undefined, capacity: 3 });
    recent.get([1, 2, 3]);
    recent.get([1]); // 1 is now the most recent, 2 the least
    recent.get([4]);
    expect(recent.size).toBe(3);
    recent.get([1, 3, 4]);
    recent.get([2]);
    expect(asked).toEqual([[1, 2, 3], [4], [2]]);
  });
});
