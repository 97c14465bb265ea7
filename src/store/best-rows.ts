/** A ranked list of papers: their rows best first, with their scores. */
export interface RowRanking {
  rows: number[];
  scores: number[];
}

/** Collects scored rows one at a time and keeps the best of them (see {@link bestRowsCollector}). */
export interface BestRowsCollector {
  offer(row: number, score: number): void;
  /** The best rows offered, best first (equal scores: lower row first); once, after the last offer. */
  ranking(): RowRanking;
}

/**
 * Keeps the `limit` best of the rows offered to it without sorting them all: a heap of the best
 * seen so far keeps the cost at n log(limit). It allocates nothing per row offered, which
 * matters on the search path (tuples and iterators had made the top-k choices a search's
 * largest allocation, about 85 KB a question).
 *
 * @example
 * const best = bestRowsCollector(2);
 * best.offer(4, 0.2); best.offer(7, 0.9); best.offer(1, 0.5);
 * best.ranking(); // { rows: [7, 1], scores: [0.9, 0.5] }
 */
export function bestRowsCollector(limit: number): BestRowsCollector {
  // A min-heap by rank: its root is the worst row kept, the one a better row replaces.
  const rows: number[] = [];
  const scores: number[] = [];
  /** True when the row at `i` ranks after the one at `j`: lower score, or same and higher row. */
  const worse = (i: number, j: number) =>
    scores[i]! < scores[j]! || (scores[i] === scores[j] && rows[i]! > rows[j]!);
  const swap = (i: number, j: number) => {
    const row = rows[i]!;
    const score = scores[i]!;
    rows[i] = rows[j]!;
    scores[i] = scores[j]!;
    rows[j] = row;
    scores[j] = score;
  };
  const siftDown = (from: number, size: number) => {
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < size && worse(left, worst)) worst = left;
      if (right < size && worse(right, worst)) worst = right;
      if (worst === i) return;
      swap(i, worst);
      i = worst;
    }
  };
  return {
    offer(row, score) {
      if (limit <= 0) return;
      if (rows.length < limit) {
        rows.push(row);
        scores.push(score);
        for (let i = rows.length - 1; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) {
          swap(i, (i - 1) >> 1);
        }
      } else if (score > scores[0]! || (score === scores[0] && row < rows[0]!)) {
        rows[0] = row;
        scores[0] = score;
        siftDown(0, rows.length);
      }
    },
    ranking() {
      // Heap sort in place: each step moves the worst kept row to the end.
      for (let size = rows.length - 1; size > 0; size--) {
        swap(0, size);
        siftDown(0, size);
      }
      return { rows, scores };
    },
  };
}

/**
 * The `limit` best of a row → score map, best first (equal scores: lower row first).
 *
 * @example
 * bestRows(new Map([[4, 0.2], [7, 0.9], [1, 0.5]]), 2); // { rows: [7, 1], scores: [0.9, 0.5] }
 */
export function bestRows(scored: ReadonlyMap<number, number>, limit: number): RowRanking {
  const best = bestRowsCollector(limit);
  scored.forEach((score, row) => {
    best.offer(row, score);
  });
  return best.ranking();
}
