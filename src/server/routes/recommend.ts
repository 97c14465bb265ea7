import { createRoute } from "@hono/zod-openapi";
import { collectionNotFound } from "../../collections/collection-error.ts";
import { RecommendResponseSchema } from "../../contract/collections.ts";
import { DEFAULT_SEARCH_K } from "../../contract/default-k.ts";
import type { AppContext, PaperchatApp } from "../app-context.ts";
import { CollectionNameParams, recommendQuerySchema } from "../schemas/collections.ts";
import { errorResponse } from "../schemas/error.ts";
import { paperFilterOf } from "../schemas/filters.ts";
import { jsonContent } from "../schemas/json-content.ts";

const DESCRIPTION = [
  "Papers like the collection's, best first, never one of its own: candidates are the graph neighbours of its papers, ranked by nearness to them (one or two papers) or by a linear SVM trained on their vectors against sampled other papers (three or more), as arxiv-sanity-lite does; by BM25 on the collection's terms when the index has no vectors.",
  "Each result is in the search result shape, plus `near`: the collection papers it is closest to; its snippets are the sentences of its abstract that best match the first of them.",
  "Optional filters (year range, categories) keep only the papers that pass them. Papers of the collection that left the corpus are not used.",
].join(" ");

/**
 * `GET /api/collections/:name/recommend?k=…[&year_from=…&year_to=…&category=…]`.
 *
 * @example
 * registerRecommendRoutes(app, context);
 */
export function registerRecommendRoutes(app: PaperchatApp, context: AppContext): void {
  const { collections, recommender, limits } = context;
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/collections/{name}/recommend",
      tags: ["Collections"],
      summary: "Papers like a collection's, each with why it is recommended",
      description: DESCRIPTION,
      request: { params: CollectionNameParams, query: recommendQuerySchema(limits) },
      responses: {
        200: jsonContent("Recommended papers, best first", RecommendResponseSchema),
        400: errorResponse(400),
        401: errorResponse(401),
        404: errorResponse(404),
        431: errorResponse(431),
      },
    }),
    async (c) => {
      const { name } = c.req.valid("param");
      const { k = DEFAULT_SEARCH_K, ...filter } = c.req.valid("query");
      const collection = collections.get(name);
      if (!collection) throw collectionNotFound(name);
      const response = await recommender.recommend({
        ids: collection.papers.map((paper) => paper.id),
        k,
        filter: paperFilterOf(filter),
      });
      return c.json(response, 200);
    },
  );
}
