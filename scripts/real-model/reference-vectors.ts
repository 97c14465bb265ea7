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
  return reference.items.map(({ vector }, i) => {
    let dot = 0;
    for (let d = 0; d < vector.length; d++) dot += vector[d]! * vectors[i]![d]!;
    return dot;
  });
}
