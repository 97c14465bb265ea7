import { createRoute } from "@hono/zod-openapi";
import { ModelListSchema } from "../../contract/embeddings.ts";
import type { AppContext, PaperchatApp } from "../app-context.ts";
import { errorResponse } from "../schemas/error.ts";

/**
 * Whether a request's `model` names the served model: its public name or its full id.
 *
 * @example
 * servesModel(context, "Xenova/all-MiniLM-L6-v2"); // true when that model is loaded
 */
export function servesModel(context: AppContext, model: string): boolean {
  return model === context.modelName || model === context.engine.store.info.model;
}

/**
 * `GET /v1/models`: the one embedding model this server serves, as OpenAI lists models.
 *
 * @example
 * registerModelRoutes(app, context);
 */
export function registerModelRoutes(app: PaperchatApp, context: AppContext): void {
  const created = Math.floor(Date.parse(context.engine.store.info.builtAt) / 1000) || 0;
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/models",
      tags: ["OpenAI-compatible"],
      summary: "The embedding model served by /v1/embeddings",
      responses: {
        200: {
          description: "The served model",
          content: { "application/json": { schema: ModelListSchema } },
        },
        401: errorResponse(401),
      },
    }),
    (c) =>
      c.json(
        {
          object: "list" as const,
          data: [
            { id: context.modelName, object: "model" as const, created, owned_by: "paperchat" },
          ],
        },
        200,
      ),
  );
}
