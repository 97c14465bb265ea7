/**
 * The distinct texts of a list, in first-seen order, and each input text's index among them.
 *
 * @example
 * uniqueTexts(["a", "b", "a"]); // { unique: ["a", "b"], slotOf: [0, 1, 0] }
 */
export function uniqueTexts(texts: readonly string[]): { unique: string[]; slotOf: number[] } {
  const unique: string[] = [];
  const seen = new Map<string, number>();
  const slotOf = texts.map((text) => {
    let slot = seen.get(text);
    if (slot === undefined) {
      slot = unique.length;
      seen.set(text, slot);
      unique.push(text);
    }
    return slot;
  });
  return { unique, slotOf };
}

/**
 * Groups items by their lengths into batches of at most `batchSize` (shortest first), so that
 * each padded batch wastes little compute. Returns indices into `lengths`.
 *
 * @example
 * batchesByLength([5, 1, 3], 2); // [[1, 2], [0]]
 */
export function batchesByLength(lengths: readonly number[], batchSize: number): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const byLength = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]!);
  const batches: number[][] = [];
  for (let i = 0; i < byLength.length; i += batchSize) {
    batches.push(byLength.slice(i, i + batchSize));
  }
  return batches;
}
