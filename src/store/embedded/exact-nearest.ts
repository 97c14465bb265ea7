import { bestRowsCollector, type RowRanking } from "../best-rows.ts";

/**
 * The `limit` rows of `rows` (but `skip`) whose vectors have the largest inner product with
 * `vector` (cosine, all being unit vectors), best first: an exact scan, for when there are too
 * few rows to be worth walking the graph. `vectors` holds the rows' vectors packed in the
 * order of `rows`.
 *
 * @example
 * exactNearest(query, [4, 9], vectors, 1); // { rows: [9], scores: [0.83] }
 */
export function exactNearest(
  vector: Float32Array,
  rows: readonly number[],
  vectors: Float32Array,
  limit: number,
  skip?: number,
): RowRanking {
  const dims = vector.length;
  const best = bestRowsCollector(limit);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row === skip) continue;
    // Four running sums: independent additions keep the CPU busy (about twice as fast as one).
    const first = i * dims;
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    let k = 0;
    for (; k + 3 < dims; k += 4) {
      a += vector[k]! * vectors[first + k]!;
      b += vector[k + 1]! * vectors[first + k + 1]!;
      c += vector[k + 2]! * vectors[first + k + 2]!;
      d += vector[k + 3]! * vectors[first + k + 3]!;
    }
    for (; k < dims; k++) a += vector[k]! * vectors[first + k]!;
    best.offer(row, a + b + c + d);
  }
  return best.ranking();
}
