/**
 * The search-term ids of every sentence, computed at index time so that ranking snippets by
 * word overlap needs no tokenizing at query time. Packed as [n, id₁…idₙ, n, id₁…idₙ, …].
 */
export interface SentenceTerms {
  packed: Uint32Array;
  /** Where each sentence's count sits in `packed`. */
  starts: Float64Array;
}

/**
 * Packs each sentence's distinct term ids.
 *
 * @example
 * packSentenceTerms([[4, 9], [], [2]]); // Uint32Array [2, 4, 9, 0, 1, 2]
 */
export function packSentenceTerms(lists: readonly (readonly number[])[]): Uint32Array {
  const packed = new Uint32Array(lists.reduce((sum, ids) => sum + 1 + ids.length, 0));
  let at = 0;
  for (const ids of lists) {
    packed[at++] = ids.length;
    packed.set(ids, at);
    at += ids.length;
  }
  return packed;
}

/**
 * Indexes packed sentence terms; throws when they do not hold exactly `count` sentences.
 *
 * @example
 * sentenceTermsOf(packSentenceTerms([[4, 9], [2]]), 2).starts; // [0, 3]
 */
export function sentenceTermsOf(packed: Uint32Array, count: number): SentenceTerms {
  const starts = new Float64Array(count);
  let at = 0;
  let i = 0;
  for (; i < count && at < packed.length; i++) {
    starts[i] = at;
    at += 1 + packed[at]!;
  }
  if (i !== count || at !== packed.length) {
    throw new RangeError(`sentence terms do not describe ${count} sentences`);
  }
  return { packed, starts };
}

/**
 * How many of `queryIds` sentence `sentence` contains.
 *
 * @example
 * sharedTerms(terms, 12, new Set([4, 7]));
 */
export function sharedTerms(
  terms: SentenceTerms,
  sentence: number,
  queryIds: ReadonlySet<number>,
): number {
  const at = terms.starts[sentence]!;
  const end = at + 1 + terms.packed[at]!;
  let shared = 0;
  for (let i = at + 1; i < end; i++) if (queryIds.has(terms.packed[i]!)) shared += 1;
  return shared;
}
