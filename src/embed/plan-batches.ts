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
 * Padding a batch may add, as a share of the tokens it pads: a longer item that would pad more
 * starts a batch of its own (with at least `MIN_SPLIT_TOKENS` wasted, so short texts are not
 * split for a few tokens).
 */
const MAX_PADDING_SHARE = 0.25;
const MIN_SPLIT_TOKENS = 64;

/**
 * Groups items by their lengths into batches of at most `batchSize` (shortest first), so that
 * each padded batch wastes little compute: a batch is cut where the next, longer item would make
 * padding more than a quarter of the batch's tokens. Returns indices into `lengths`.
 *
 * @example
 * batchesByLength([5, 1, 3], 2); // [[1, 2], [0]]
 * batchesByLength([10, 10, 10, 200], 32); // [[0, 1, 2], [3]]
 */
export function batchesByLength(lengths: readonly number[], batchSize: number): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const byLength = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]!);
  const batches: number[][] = [];
  let batch: number[] = [];
  let tokens = 0;
  for (const i of byLength) {
    const length = lengths[i]!;
    // Sorted ascending: with item i the batch pads every row to its length.
    const padding = length * (batch.length + 1) - (tokens + length);
    const wasteful =
      padding > MIN_SPLIT_TOKENS && padding > MAX_PADDING_SHARE * length * (batch.length + 1);
    if (batch.length === batchSize || (batch.length > 0 && wasteful)) {
      batches.push(batch);
      batch = [];
      tokens = 0;
    }
    batch.push(i);
    tokens += length;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
