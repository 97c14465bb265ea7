import { createRoute } from "@hono/zod-openapi";
import { HealthSchema } from "../../contract/health.ts";
import type { AppContext, PaperchatApp } from "../app-context.ts";

const route = createRoute({
  method: "get",
  path: "/api/health",
  tags: ["Status"],
  summary: "Is the server up, and with which index and model",
  security: [],
  responses: {
    200: {
      description: "Server status",
      content: { "application/json": { schema: HealthSchema } },
    },
  },
});

/**
 * `GET /api/health` (public even when an API key is set).
 *
 * @example
 * registerHealthRoutes(app, context);
 */
export function registerHealthRoutes(app: PaperchatApp, context: AppContext): void {
  const { engine } = context;
  app.openapi(route, (c) =>
    c.json(
      {
        status: "ok" as const,
        papers: engine.store.info.count,
        model: context.modelName,
        dims: engine.store.info.dims,
        semantic: engine.semantic,
        ...(engine.semantic ? {} : { semantic_off_reason: context.degradedReason }),
        answers: context.llm ? ("llm" as const) : ("extractive" as const),
      },
      200,
    ),
  );
}
