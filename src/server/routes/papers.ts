import { createRoute } from "@hono/zod-openapi";
import { DEFAULT_SIMILAR_K } from "../../contract/default-k.ts";
import { PaperListSchema, PaperSchema, SimilarResponseSchema } from "../../contract/papers.ts";
import { factsOf } from "../../search/search-engine.ts";
import type { AppContext, PaperchatApp } from "../app-context.ts";
import { apiError } from "../errors/api-error.ts";
import { errorResponse } from "../schemas/error.ts";
import { paperFilterOf } from "../schemas/filters.ts";
import {
  DEFAULT_PAGE_SIZE,
  PaperIdParams,
  paperListQuerySchema,
  similarQuerySchema,
} from "../schemas/papers.ts";

const json = <T>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});

const unknownPaper = (id: string) =>
  apiError(
    "paper_not_found",
    `No paper with id "${id}". List ids with GET /api/papers, or find papers with GET /api/search?q=…`,
    "id",
  );

/**
 * `GET /api/papers`, `GET /api/papers/:id` and `GET /api/papers/:id/similar`.
 *
 * @example
 * registerPaperRoutes(app, context);
 */
export function registerPaperRoutes(app: PaperchatApp, context: AppContext): void {
  const { engine, limits } = context;

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/papers",
      tags: ["Papers"],
      summary: "All papers, a page at a time, in corpus order",
      request: { query: paperListQuerySchema(limits) },
      responses: {
        200: json("A page of papers", PaperListSchema),
        400: errorResponse(400),
        401: errorResponse(401),
        431: errorResponse(431),
      },
    }),
    async (c) => {
      const { offset = 0, limit = DEFAULT_PAGE_SIZE } = c.req.valid("query");
      const { store } = engine;
      const papers = await store.list(offset, limit);
      return c.json({ total: store.info.count, offset, limit, papers }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/papers/{id}",
      tags: ["Papers"],
      summary: "One paper with its full abstract",
      request: { params: PaperIdParams },
      responses: {
        200: json("The paper", PaperSchema),
        401: errorResponse(401),
        404: errorResponse(404),
        431: errorResponse(431),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const paper = await engine.getPaper(id);
      if (!paper) throw unknownPaper(id);
      const { title, abstract, metadata } = paper;
      return c.json({ id, title, abstract, ...factsOf(paper), ...(metadata && { metadata }) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/papers/{id}/similar",
      tags: ["Papers"],
      summary: "The papers nearest to a paper (never the paper itself), optionally filtered",
      request: { params: PaperIdParams, query: similarQuerySchema(limits) },
      responses: {
        200: json("The paper and its nearest neighbours, nearest first", SimilarResponseSchema),
        400: errorResponse(400),
        401: errorResponse(401),
        404: errorResponse(404),
        431: errorResponse(431),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { k = DEFAULT_SIMILAR_K, ...filter } = c.req.valid("query");
      const similar = await engine.similarPapers(id, k, paperFilterOf(filter));
      if (!similar) throw unknownPaper(id);
      return c.json(similar, 200);
    },
  );
}
