import { createRoute } from "@hono/zod-openapi";
import type { AppContext, PaperchatApp } from "../app-context.ts";
import { apiError } from "../errors/api-error.ts";
import { EmbeddingsResponseSchema, embeddingsRequestSchema } from "../schemas/embeddings.ts";
import { errorResponse } from "../schemas/error.ts";
import { servesModel } from "./models.ts";

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
 * `POST /v1/embeddings`: OpenAI-compatible embeddings from the index's model; concurrent requests
 * share model calls (see `createBatchingEmbedder`).
 *
 * @example
 * registerEmbeddingRoutes(app, context);
 */
export function registerEmbeddingRoutes(app: PaperchatApp, context: AppContext): void {
  const { embedder, modelName } = context;
  // The loaded model decides; without one (degraded mode, 503) the index says what it was built with.
  const dims = embedder?.dims ?? context.engine.store.manifest.dims;
  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/embeddings",
      tags: ["OpenAI-compatible"],
      summary: "Embed texts with the index's model (OpenAI's embeddings API)",
      request: {
        body: {
          required: true,
          content: {
            "application/json": { schema: embeddingsRequestSchema(context.limits, dims) },
          },
        },
      },
      responses: {
        200: {
          description: "One unit-length vector per input, in input order",
          content: { "application/json": { schema: EmbeddingsResponseSchema } },
        },
        400: errorResponse(400),
        401: errorResponse(401),
        404: errorResponse(404),
        413: errorResponse(413),
        415: errorResponse(415),
        503: errorResponse(503),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      if (!embedder) {
        throw apiError("model_unavailable", context.degradedReason);
      }
      if (body.model !== undefined && !servesModel(context, body.model)) {
        throw apiError(
          "model_not_found",
          `The model "${body.model}" is not served here; use "${modelName}" (see GET /v1/models) or leave "model" out.`,
          "model",
        );
      }
      const texts = typeof body.input === "string" ? [body.input] : body.input;
      const vectors = await embedder.embed(texts);
      const tokens = embedder.countTokens(texts).reduce((sum, n) => sum + n, 0);
      const base64 = body.encoding_format === "base64";
      return c.json(
        {
          object: "list" as const,
          data: vectors.map((vector, index) => ({
            object: "embedding" as const,
            index,
            embedding: base64 ? base64Vector(vector) : Array.from(vector),
          })),
          model: modelName,
          usage: { prompt_tokens: tokens, total_tokens: tokens },
        },
        200,
      );
    },
  );
}
