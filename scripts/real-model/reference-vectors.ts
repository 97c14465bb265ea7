import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Embedder } from "../../src/embed/types.ts";

/**
 * all-MiniLM-L6-v2's vectors of 58 reference texts (short, long, past the window, non-ASCII,
 * LaTeX, code) as sentence-transformers on PyTorch computes them in float32, with the weights'
 * sha256 and the model's window: written by `scripts/real-model/reference-vectors.py`.
 */
export interface ReferenceVectors {
  weightsSha256: string;
  maxSeqLength: number;
  items: Array<{ text: string; tokens: number; vector: number[] }>;
}

/** Issue 24's bar for the int8 encoder against the reference: the mean and the least cosine. */
export const INT8_COSINE_FLOOR = { mean: 0.99, min: 0.97 } as const;

/** Where the reference vectors are kept. */
export const REFERENCE_VECTORS_FILE = resolve(
  import.meta.dirname,
  "../../test/fixtures/real-model/reference-vectors.json",
);

/**
 * Reads the reference vectors.
 *
 * @example
 * readReferenceVectors().items.length; // 58
 */
export function readReferenceVectors(): ReferenceVectors {
  return JSON.parse(readFileSync(REFERENCE_VECTORS_FILE, "utf8")) as ReferenceVectors;
}

/**
 * The cosine of two unit vectors (their dot product).
 *
 * @example
 * cosine([1, 0], [0.6, 0.8]); // 0.6
 */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

/**
 * The mean and the least of a list of cosines, as the int8 floors judge them.
 *
 * @example
 * cosineSummary([1, 0.98]); // { mean: 0.99, min: 0.98 }
 */
export function cosineSummary(cosines: readonly number[]): { mean: number; min: number } {
  const mean = cosines.reduce((sum, value) => sum + value, 0) / cosines.length;
  return { mean, min: Math.min(...cosines) };
}

/**
 * The cosine of each reference text's vector from `embedder` with its reference vector (both
 * are unit vectors), in the reference's order.
 *
 * @example
 * const cosines = await cosinesToReference(await loadEmbedder({ model, dtype: "q8" }));
 */
export async function cosinesToReference(
  embedder: Embedder,
  reference: ReferenceVectors = readReferenceVectors(),
): Promise<number[]> {
  const vectors = await embedder.embed(reference.items.map((item) => item.text));
  return reference.items.map(({ vector }, i) => cosine(vector, vectors[i]!));
}
