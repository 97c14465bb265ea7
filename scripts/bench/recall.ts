import { dotProduct } from "../../src/store/dot-product.ts";

/**
 * Exact k nearest rows of `vectors` (row-major) by inner product, best first.
 *
 * @example
 * exactTopK(new Float32Array([1, 0, 0, 1]), 2, new Float32Array([0.9, 0.1]), 1); // [0]
 */
export function exactTopK(
  vectors: Float32Array,
  dims: number,
  query: Float32Array,
  k: number,
): number[] {
  const rows = vectors.length / dims;
  const labels = new Int32Array(k).fill(-1);
  const scores = new Float64Array(k).fill(Number.NEGATIVE_INFINITY);
  for (let row = 0, offset = 0; row < rows; row++, offset += dims) {
    const dot = dotProduct(query, vectors, offset);
    if (dot <= scores[k - 1]!) continue;
    let slot = k - 1;
    while (slot > 0 && scores[slot - 1]! < dot) {
      scores[slot] = scores[slot - 1]!;
      labels[slot] = labels[slot - 1]!;
      slot -= 1;
    }
    scores[slot] = dot;
    labels[slot] = row;
  }
  return Array.from(labels).filter((label) => label >= 0);
}

/**
 * Recall@k of approximate neighbour lists against exact ones, over all queries.
 *
 * @example
 * recallAtK([[1, 2, 9]], [[1, 2, 3]], 3); // 2/3
 */
export function recallAtK<Label>(
  found: readonly (readonly Label[])[],
  truth: readonly (readonly Label[])[],
  k: number,
): number {
  if (found.length !== truth.length) {
    throw new RangeError(`${found.length} result lists for ${truth.length} queries`);
  }
  if (truth.length === 0) throw new RangeError("recall over no queries");
  let hits = 0;
  let expected = 0;
  truth.forEach((exact, query) => {
    const wanted = new Set(exact.slice(0, k));
    expected += wanted.size;
    for (const label of found[query]!.slice(0, k)) if (wanted.has(label)) hits += 1;
  });
  return expected === 0 ? 1 : hits / expected;
}
