import { createRoute } from "@hono/zod-openapi";
import { type StartersResponse, StartersResponseSchema } from "../../contract/starters.ts";
import { findStarterQuestions } from "../../search/starter-questions.ts";
import type { AppContext, PaperchatApp } from "../app-context.ts";
import { errorResponse } from "../schemas/error.ts";

const route = createRoute({
  method: "get",
  path: "/api/starters",
  tags: ["Status"],
  summary: "Questions to start with, and the filters the corpus supports",
  description:
    "Starting points taken from the served corpus: questions about papers spread over it, each kept only when search ranks its paper in the top 3, and the corpus's facets (year range, most frequent categories) for filter controls. Computed once, on the first request, then served as is.",
  responses: {
    200: {
      description: "Starting questions and facets",
      content: { "application/json": { schema: StartersResponseSchema } },
    },
    401: errorResponse(401),
  },
});

/**
 * `GET /api/starters`: computed on first use (a few searches and one read of years and
 * categories, whatever the corpus size) and kept for the life of the server.
 *
 * @example
 * registerStarterRoutes(app, context);
 */
export function registerStarterRoutes(app: PaperchatApp, context: AppContext): void {
  const { engine } = context;
  let computed: Promise<StartersResponse> | undefined;
  const starters = async (): Promise<StartersResponse> => ({
    starters: await findStarterQuestions(engine),
    facets: await engine.store.facets(),
  });
  app.openapi(route, async (c) => {
    computed ??= starters().catch((error: unknown) => {
      computed = undefined; // the next request tries again
      throw error;
    });
    return c.json(await computed, 200);
  });
}
