import { bestRowsCollector, type RowRanking } from "../best-rows.ts";
import { dotProduct } from "../dot-product.ts";

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
    best.offer(row, dotProduct(vector, vectors, i * dims));
  }
  return best.ranking();
}
