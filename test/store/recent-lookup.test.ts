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

  it("keeps at most `capacity` keys, and always the half of them most recently used", () => {
    const table = new Map(Array.from({ length: 40 }, (_, i) => [i, `paper-${i}`]));
    const { asked, lookUp } = recordingLookUp(table);
    const capacity = 8;
    const recent = createRecentLookup({ lookUp, absent: undefined, capacity });
    let seed = 3;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const used: number[] = [];
    for (let round = 0; round < 300; round++) {
      const keys = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        Math.floor(random() * 40),
      );
      recent.get(keys);
      used.push(...keys);
      expect(recent.size).toBeLessThanOrEqual(capacity);
      // The last capacity / 2 distinct keys used are answered without a look-up.
      const latest = [...new Set(used.toReversed())].slice(0, capacity / 2);
      const lookUps = asked.length;
      expect([...recent.get(latest).values()]).toEqual(latest.map((key) => table.get(key)));
      expect(asked.length, `round ${round}: ${latest}`).toBe(lookUps);
      used.push(...latest);
    }
    // Something was forgotten and looked up again: the memory is bounded.
    expect(asked.flat().length).toBeGreaterThan(40);
  });
});
