import { termHash } from "../store/sentence-terms.ts";
import type { CorpusPart } from "../store/store-location.ts";

/**
 * Which share (1..of) a paper belongs to when `of` workers index a corpus together: a stable
 * hash of its id, so every worker, on any machine, agrees without talking to the others.
 *
 * @example
 * partOfPaper("2401.00001", 4); // 3
 */
export function partOfPaper(id: string, of: number): number {
  return (termHash(id) % of) + 1;
}

/**
 * Reads `--part I/N`: the I-th of N shares, 1 ≤ I ≤ N; undefined when the text is not one.
 *
 * @example
 * parseCorpusPart("2/4"); // { index: 2, of: 4 }
 */
export function parseCorpusPart(text: string): CorpusPart | undefined {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text);
  if (!match) return undefined;
  const [index, of] = [Number(match[1]), Number(match[2])];
  return index >= 1 && index <= of ? { index, of } : undefined;
}
