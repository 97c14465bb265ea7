import { createRoute } from "@hono/zod-openapi";
import { EmbeddingsResponseSchema } from "../../contract/embeddings.ts";
import { embeddingsResponse } from "../../contract/embeddings-response.ts";
import type { AppContext, PaperchatApp } from "../app-context.ts";
import { apiError } from "../errors/api-error.ts";
import { embeddingsRequestSchema } from "../schemas/embeddings.ts";
import { errorResponse } from "../schemas/error.ts";
import { servesModel } from "./models.ts";

/**
 * `POST /v1/embeddings`: OpenAI-compatible embeddings from the index's model; concurrent requests
 * share model calls (see {@link createBatchingEmbedder}).
 *
 * @example
 * registerEmbeddingRoutes(app, context);
 */
export function registerEmbeddingRoutes(app: PaperchatApp, context: AppContext): void {
  const { embedder, modelName } = context;
  // The loaded model decides; without one (degraded mode, 503) the index says what it was built with.
  const dims = embedder?.dims ?? context.engine.store.info.dims;
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
      const response = embeddingsResponse({
        vectors,
        tokenCounts: embedder.countTokens(texts),
        model: modelName,
        encoding: body.encoding_format,
      });
      return c.json(response, 200);
    },
  );
}
