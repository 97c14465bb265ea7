/**
 * Recall@k of approximate neighbour lists against exact ones: the share of each query's true
 * `k` nearest neighbours that the approximate search returned among its first `k`, averaged
 * over queries.
 *
 * @example
 * recallAtK([[1, 2, 9]], [[1, 2, 3]], 3); // 2/3
 */
export function recallAtK(
  found: readonly (readonly number[])[],
  truth: readonly (readonly number[])[],
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
