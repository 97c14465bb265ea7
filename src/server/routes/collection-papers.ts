import { createRoute } from "@hono/zod-openapi";
import { collectionNotFound } from "../../collections/collection-error.ts";
import { findPapers, listIds } from "../../collections/find-papers.ts";
import type { PaperSource } from "../../collections/paper-source.ts";
import { AddedPapersSchema } from "../../contract/collections.ts";
import type { Paper } from "../../corpus/types.ts";
import type { AppContext, PaperchatApp } from "../app-context.ts";
import { apiError } from "../errors/api-error.ts";
import {
  AddPapersBody,
  CollectionNameParams,
  CollectionPaperParams,
} from "../schemas/collections.ts";
import { errorResponse } from "../schemas/error.ts";
import { jsonBody, jsonContent } from "../schemas/json-content.ts";

/**
 * The papers of `ids` (distinct, in the order given), or a 404 naming those the index does not
 * hold.
 *
 * @example
 * const papers = await knownPapers(paperSource, ["math/0501001"], "ids");
 */
export async function knownPapers(
  source: PaperSource,
  ids: readonly string[],
  param: string,
): Promise<Paper[]> {
  const { papers, unknown } = await findPapers(source, ids);
  if (unknown.length === 0) return papers;
  throw apiError(
    "paper_not_found",
    `The index holds no paper with id ${listIds(unknown)}; nothing was changed. Find ids with GET /api/search?q=… or GET /api/papers.`,
    param,
  );
}

/**
 * `POST /api/collections/:name/papers` (`{"id"}` or `{"ids": [...]}`) and
 * `DELETE /api/collections/:name/papers/:id`.
 *
 * @example
 * registerCollectionPaperRoutes(app, context);
 */
export function registerCollectionPaperRoutes(app: PaperchatApp, context: AppContext): void {
  const { collections, paperSource } = context;

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/collections/{name}/papers",
      tags: ["Collections"],
      summary: "Add papers to a collection (those already in it stay where they are)",
      description:
        "Adds all the papers or none: an id the index does not hold answers 404 `paper_not_found` and changes nothing.",
      request: { params: CollectionNameParams, body: jsonBody(AddPapersBody) },
      responses: {
        200: jsonContent("The collection after the change", AddedPapersSchema),
        400: errorResponse(400),
        401: errorResponse(401),
        404: errorResponse(404),
        409: errorResponse(409),
        413: errorResponse(413),
        415: errorResponse(415),
      },
    }),
    async (c) => {
      const { name } = c.req.valid("param");
      const body = c.req.valid("json");
      const ids = "ids" in body ? body.ids : [body.id];
      if (!collections.has(name)) throw collectionNotFound(name);
      const papers = await knownPapers(paperSource, ids, "ids" in body ? "ids" : "id");
      const change = collections.addPapers(
        name,
        papers.map(({ id, title }) => ({ id, title })),
      );
      return c.json({ name, ...change }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/collections/{name}/papers/{id}",
      tags: ["Collections"],
      summary: "Remove a paper from a collection",
      request: { params: CollectionPaperParams },
      responses: {
        204: { description: "Removed" },
        400: errorResponse(400),
        401: errorResponse(401),
        404: errorResponse(404),
        431: errorResponse(431),
      },
    }),
    (c) => {
      const { name, id } = c.req.valid("param");
      if (!collections.removePaper(name, id)) {
        throw apiError(
          "paper_not_found",
          `The collection "${name}" holds no paper with id "${id}". List its papers with GET /api/collections/${encodeURIComponent(name)}.`,
          "id",
        );
      }
      return c.body(null, 204);
    },
  );
}
