import { describe, expect, it } from "vitest";
import { bestRows, bestRowsCollector } from "../../src/store/best-rows.ts";

/** The reference: every row sorted by score (higher first), equal scores by row, then cut. */
function sortedBest(scored: [number, number][], limit: number) {
  const best = scored.toSorted((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, Math.max(0, limit));
  return { rows: best.map(([row]) => row), scores: best.map(([, score]) => score) };
}

describe("bestRows", () => {
  it("keeps the best rows, best first, equal scores by lower row, as a full sort would", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const size of [0, 1, 2, 5, 50, 500]) {
      // Scores from a few values, so that many rows tie; rows shuffled.
      const scored = Array.from(
        { length: size },
        (_, row) => [row, Math.floor(random() * 7) / 7] as [number, number],
      ).sort(() => random() - 0.5);
      for (const limit of [0, 1, 3, 10, size, size + 5]) {
        expect(bestRows(new Map(scored), limit), `${size} rows, best ${limit}`).toEqual(
          sortedBest(scored, limit),
        );
      }
    }
  });

  it("a collector offered rows one at a time keeps the same best rows in any order of offer", () => {
    const scored: [number, number][] = [
      [4, 0.2],
      [7, 0.9],
      [1, 0.5],
      [3, 0.9],
      [9, 0.5],
    ];
    for (const order of [
      scored,
      scored.toReversed(),
      [...scored.slice(2), ...scored.slice(0, 2)],
    ]) {
      const best = bestRowsCollector(3);
      for (const [row, score] of order) best.offer(row, score);
      expect(best.ranking()).toEqual({ rows: [3, 7, 1], scores: [0.9, 0.9, 0.5] });
    }
    const none = bestRowsCollector(0);
    none.offer(1, 1);
    expect(none.ranking()).toEqual({ rows: [], scores: [] });
  });
});
