/**
 * Inverse document frequency of a term that `df` of `n` papers hold, in BM25's always-positive
 * form (Lucene's): `ln(1 + (n − df + 0.5) / (df + 0.5))`. It weighs rare title terms in the
 * lexical step and question terms in snippets.
 *
 * @example
 * idf(70, 3); // 3.01...
 */
export function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
