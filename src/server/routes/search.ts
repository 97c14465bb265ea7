import { createRoute } from "@hono/zod-openapi";
import type { PaperFilter } from "../../contract/paper-filter.ts";
import { SearchResponseSchema } from "../../contract/search-response.ts";
import { searchResponse } from "../../search/search-response.ts";
import type { AppContext, PaperchatApp } from "../app-context.ts";
import { errorResponse } from "../schemas/error.ts";
import { paperFilterOf } from "../schemas/filters.ts";
import { searchBodySchema, searchQuerySchema } from "../schemas/search.ts";

const ok = {
  description: "The best papers, best first, each with 1–3 verbatim snippets",
  content: { "application/json": { schema: SearchResponseSchema } },
};
const DESCRIPTION =
  "Hybrid search: dense (HNSW over abstract embeddings) and lexical (BM25) rankings fused by a weighted sum of their normalised scores; lexical only in degraded mode. Optional filters (year range, categories) keep only the papers that pass them, before ranking.";

/**
 * `GET /api/search?q=…&k=…[&year_from=…&year_to=…&category=…]` and `POST /api/search` with
 * `{"query", "k"?, "year_from"?, "year_to"?, "category"?}`.
 *
 * @example
 * registerSearchRoutes(app, context);
 */
export function registerSearchRoutes(app: PaperchatApp, context: AppContext): void {
  const { engine, limits } = context;
  const search = (query: string, k?: number, filter?: PaperFilter) =>
    searchResponse(engine, { query, k, filter });

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/search",
      tags: ["Search"],
      summary: "Papers that answer a question",
      description: DESCRIPTION,
      request: { query: searchQuerySchema(limits) },
      responses: {
        200: ok,
        400: errorResponse(400),
        401: errorResponse(401),
        431: errorResponse(431),
      },
    }),
    async (c) => {
      const { q, k, ...filter } = c.req.valid("query");
      return c.json(await search(q, k, paperFilterOf(filter)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/search",
      tags: ["Search"],
      summary: "Papers that answer a question (or are related to a pasted abstract)",
      description: DESCRIPTION,
      request: {
        body: {
          required: true,
          content: { "application/json": { schema: searchBodySchema(limits) } },
        },
      },
      responses: {
        200: ok,
        400: errorResponse(400),
        401: errorResponse(401),
        413: errorResponse(413),
        415: errorResponse(415),
      },
    }),
    async (c) => {
      const { query, k, ...filter } = c.req.valid("json");
      return c.json(await search(query, k, paperFilterOf(filter)), 200);
    },
  );
}
