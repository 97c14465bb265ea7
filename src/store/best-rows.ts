/** A ranked list of papers: their rows best first, with their scores. */
export interface RowRanking {
  rows: number[];
  scores: number[];
}

/** True when `a` ranks before `b`: a higher score, or the same score and a lower row. */
const ranksBefore = (aRow: number, aScore: number, bRow: number, bScore: number) =>
  aScore > bScore || (aScore === bScore && aRow < bRow);

/**
 * The `limit` best of scored rows, best first (equal scores: lower row first), without sorting
 * them all: a heap of the best `limit` seen so far keeps the cost at n log(limit).
 *
 * @example
 * bestRows([[4, 0.2], [7, 0.9], [1, 0.5]], 2); // { rows: [7, 1], scores: [0.9, 0.5] }
 */
export function bestRows(scored: Iterable<readonly [number, number]>, limit: number): RowRanking {
  // A min-heap by rank: its root is the worst row kept, the one a better row replaces.
  const rows: number[] = [];
  const scores: number[] = [];
  const worse = (i: number, j: number) => ranksBefore(rows[j]!, scores[j]!, rows[i]!, scores[i]!);
  const swap = (i: number, j: number) => {
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    [scores[i], scores[j]] = [scores[j]!, scores[i]!];
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
  if (limit <= 0) return { rows: [], scores: [] };
  for (const [row, score] of scored) {
    if (rows.length < limit) {
      rows.push(row);
      scores.push(score);
      for (let i = rows.length - 1; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) {
        swap(i, (i - 1) >> 1);
      }
    } else if (ranksBefore(row, score, rows[0]!, scores[0]!)) {
      rows[0] = row;
      scores[0] = score;
      siftDown(0, rows.length);
    }
  }
  // Heap sort in place: each step moves the worst kept row to the end.
  for (let size = rows.length - 1; size > 0; size--) {
    swap(0, size);
    siftDown(0, size);
  }
  return { rows, scores };
}
