import { tokenize } from "../contract/tokenize.ts";

/**
 * The search terms of every sentence of a paper, hashed and packed at index time, so that weighing
 * the question's terms in each sentence needs no tokenizing at query time. Packed as
 * [n, hash₁…hashₙ, n, hash₁…hashₙ, …] with each sentence's distinct term hashes.
 */

/**
 * 32-bit FNV-1a hash of a search term: a stable, vocabulary-free term id. Two different terms
 * share a hash about once in four billion pairs, which at worst credits a sentence with one word.
 *
 * @example
 * termHash("graph") === termHash("graph"); // true
 */
export function termHash(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    hash ^= term.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Packs the distinct term hashes of each sentence.
 *
 * @example
 * packSentenceTerms([["graph", "network"], [], ["graph"]]).length; // 6
 */
export function packSentenceTerms(sentences: readonly (readonly string[])[]): Uint32Array {
  const hashes = sentences.map((terms) => [...new Set(terms.map(termHash))]);
  const packed = new Uint32Array(hashes.reduce((sum, list) => sum + 1 + list.length, 0));
  let at = 0;
  for (const list of hashes) {
    packed[at++] = list.length;
    packed.set(list, at);
    at += list.length;
  }
  return packed;
}

/**
 * The distinct term hashes of a paper's title, which snippets leave out of a sentence's weight
 * (they say which paper, not which sentence): found once when a store reads the paper.
 *
 * @example
 * titleTermHashes("Graph networks for graphs").length; // 2 ("graph", "network")
 */
export function titleTermHashes(title: string): Uint32Array {
  return Uint32Array.from(new Set(tokenize(title).map(termHash)));
}
