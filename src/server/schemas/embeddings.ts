import { z } from "@hono/zod-openapi";
import type { ServerLimits } from "../limits.ts";
import { boundedText } from "./bounded-text.ts";

/**
 * `POST /v1/embeddings` body, as OpenAI's API takes it; `dims` is the served model's (the only
 * `dimensions` it accepts).
 *
 * @example
 * embeddingsRequestSchema(DEFAULT_LIMITS, 384);
 */
export function embeddingsRequestSchema(limits: ServerLimits, dims: number) {
  const text = boundedText({
    max: limits.maxInputChars,
    error: `must be at most ${limits.maxInputChars} characters`,
  }).min(1, { error: "must not be empty" });
  return z
    .object({
      input: z
        .union([
          text,
          z
            .array(text)
            .min(1, { error: "must hold at least one text" })
            .max(limits.maxInputs, {
              error: `must hold at most ${limits.maxInputs} texts; send more in several requests`,
            }),
        ])
        .openapi({
          description: `A text or a list of up to ${limits.maxInputs} texts (token arrays are not supported).`,
          example: ["sparse bayesian neural networks"],
        }),
      model: z
        .string()
        .optional()
        .openapi({ description: "The served model (see GET /v1/models)." }),
      encoding_format: z
        .enum(["float", "base64"], { error: 'must be "float" or "base64"' })
        .optional()
        .openapi({
          default: "float",
          description: "`base64`: the little-endian float32 bytes of each vector, base64-encoded.",
        }),
      dimensions: z
        .literal(dims, {
          error: `must be ${dims}, the served model's dimensions (or left out); other sizes are not supported`,
        })
        .optional()
        .openapi({ description: "The model's dimensions; no other value is accepted." }),
      user: z.string().optional(),
    })
    .openapi("EmbeddingsRequest");
}
