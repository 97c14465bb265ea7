import type { EmbeddingsResponse } from "./embeddings.ts";

/** What an embeddings answer is made of. */
export interface EmbeddingsResponseOptions {
  /** One unit-length vector per input, in input order. */
  vectors: readonly Float32Array[];
  /** Each input's tokens, as the model's tokenizer counts them (`embedder.countTokens`). */
  tokenCounts: readonly number[];
  /** The public name of the model (see {@link publicModelName}), never a folder path. */
  model: string;
  /** `base64`: each vector as its little-endian float32 bytes; `float` (the default): numbers. */
  encoding?: "float" | "base64";
}

/**
 * A vector as OpenAI's `encoding_format: "base64"` sends it: little-endian float32 bytes.
 *
 * @example
 * base64Vector(new Float32Array([1, 0])); // "AACAPwAAAAA="
 */
export function base64Vector(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (const [i, value] of vector.entries()) bytes.writeFloatLE(value, i * 4);
  return bytes.toString("base64");
}

/**
 * The body `POST /v1/embeddings` answers with and `paperchat embed --json` prints.
 *
 * @example
 * embeddingsResponse({ vectors: [new Float32Array([1, 0])], tokenCounts: [3], model: "tiny" });
 * // { object: "list", data: [{ object: "embedding", index: 0, embedding: [1, 0] }],
 * //   model: "tiny", usage: { prompt_tokens: 3, total_tokens: 3 } }
 */
export function embeddingsResponse(options: EmbeddingsResponseOptions): EmbeddingsResponse {
  const { vectors, tokenCounts, model, encoding = "float" } = options;
  const tokens = tokenCounts.reduce((sum, n) => sum + n, 0);
  return {
    object: "list",
    data: vectors.map((vector, index) => ({
      object: "embedding",
      index,
      embedding: encoding === "base64" ? base64Vector(vector) : Array.from(vector),
    })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
