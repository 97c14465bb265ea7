import { idf } from "../store/idf.ts";
import type { TermStatistics } from "../store/paper-store.ts";
import { termHash } from "../store/sentence-terms.ts";

/** A question's terms as snippets weigh them: hashes (see {@link termHash}) and IDFs, in step. */
export interface WeightedTerms {
  hashes: Uint32Array;
  weights: Float64Array;
}

/**
 * The question's terms that the index holds, each weighed by its IDF in the whole index (from
 * the lexical step's statistics: nothing is tokenized or counted here).
 *
 * @example
 * const { termStatistics } = await store.lexical(terms, 50);
 * weightedTerms(termStatistics); // { hashes: [termHash("lightgcn"), …], weights: [3.9, …] }
 */
export function weightedTerms(statistics: TermStatistics): WeightedTerms {
  const { docCount, frequencies } = statistics;
  return {
    hashes: Uint32Array.from(frequencies, ({ term }) => termHash(term)),
    weights: Float64Array.from(frequencies, ({ docs }) => idf(docCount, docs)),
  };
}

/**
 * Terms weighed alike (when there are no index statistics to weigh them by, e.g. the words of a
 * paper that a recommendation's snippets should match).
 *
 * @example
 * evenTerms(tokenize("LightGCN simplifies graph convolution"));
 */
export function evenTerms(terms: readonly string[]): WeightedTerms {
  const hashes = Uint32Array.from(new Set(terms.map(termHash)));
  return { hashes, weights: new Float64Array(hashes.length).fill(1) };
}

/**
 * For each sentence of a packed list (see {@link packSentenceTerms}), the summed weight of the
 * question's terms it holds: BM25 on distinct terms with no length normalisation, which ranked
 * snippets as well as term counts and lengths did.
 *
 * @example
 * sentenceTermWeights(packSentenceTerms([["graph"], ["graph", "node"]]), weightedTerms(statistics)); // [0.4, 2.9]
 */
export function sentenceTermWeights(packed: Uint32Array, terms: WeightedTerms): number[] {
  const { hashes, weights } = terms;
  const sums: number[] = [];
  for (let at = 0; at < packed.length; ) {
    const end = at + 1 + packed[at]!;
    let sum = 0;
    // A question has a handful of terms: scanning them beats a map look-up per sentence term.
    for (let i = at + 1; i < end; i++) {
      for (let t = 0; t < hashes.length; t++) if (hashes[t] === packed[i]) sum += weights[t]!;
    }
    sums.push(sum);
    at = end;
  }
  return sums;
}
