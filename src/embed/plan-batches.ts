/** A model call's worth of work: which unique texts go in, by their index in `unique`. */
export interface BatchPlan {
  /** Distinct texts, in first-seen order. */
  unique: string[];
  /** For every input text, its index in `unique`. */
  slotOf: number[];
  /** Indices into `unique`, grouped into batches of similar length (less padding per call). */
  batches: number[][];
}

/**
 * The distinct texts of a list, in first-seen order, and each input text's index among them.
 *
 * @example
 * uniqueTexts(["a", "b", "a"]); // { unique: ["a", "b"], slotOf: [0, 1, 0] }
 */
export function uniqueTexts(texts: readonly string[]): Pick<BatchPlan, "unique" | "slotOf"> {
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
 * Plans model calls for a list of texts: identical texts are embedded once, and texts are
 * grouped by length so that each padded batch wastes little compute.
 *
 * @example
 * const plan = planBatches(["a b", "a", "a b"], 32);
 * // plan.unique = ["a b", "a"], plan.slotOf = [0, 1, 0], plan.batches = [[1, 0]]
 */
export function planBatches(texts: readonly string[], batchSize: number): BatchPlan {
  const { unique, slotOf } = uniqueTexts(texts);
  const batches = batchesByLength(
    unique.map((text) => text.length),
    batchSize,
  );
  return { unique, slotOf, batches };
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
