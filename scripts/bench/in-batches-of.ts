/**
 * Splits items into consecutive batches of `size`, keeping their order.
 *
 * @example
 * inBatchesOf(["a", "b", "c"], 2); // [["a", "b"], ["c"]]
 */
export function inBatchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
