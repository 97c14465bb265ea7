import { createRoute } from "@hono/zod-openapi";
import { collectionNotFound } from "../../collections/collection-error.ts";
import { collectionView, currentPapers } from "../../collections/current-papers.ts";
import {
  CollectionListSchema,
  CollectionSchema,
  CollectionSummarySchema,
} from "../../contract/collections.ts";
import type { AppContext, PaperchatApp } from "../app-context.ts";
import { CollectionNameBody, CollectionNameParams } from "../schemas/collections.ts";
import { errorResponse } from "../schemas/error.ts";
import { jsonBody, jsonContent } from "../schemas/json-content.ts";

const TAGS = ["Collections"];
const pathOf = (name: string) => `/api/collections/${encodeURIComponent(name)}`;

/**
 * `GET /api/collections`, `POST /api/collections`, and `GET`, `PATCH`, `DELETE`
 * `/api/collections/:name`: named reading lists, kept apart from the index.
 *
 * @example
 * registerCollectionRoutes(app, context);
 */
export function registerCollectionRoutes(app: PaperchatApp, context: AppContext): void {
  const { collections, paperSource } = context;

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/collections",
      tags: TAGS,
      summary: "Every collection, by name, with its number of papers",
      responses: {
        200: jsonContent("The collections", CollectionListSchema),
        401: errorResponse(401),
      },
    }),
    (c) => c.json({ collections: collections.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/collections",
      tags: TAGS,
      summary: "Create an empty collection",
      request: { body: jsonBody(CollectionNameBody) },
      responses: {
        201: jsonContent("The new collection (its URL in Location)", CollectionSummarySchema),
        400: errorResponse(400),
        401: errorResponse(401),
        409: errorResponse(409),
        413: errorResponse(413),
        415: errorResponse(415),
      },
    }),
    (c) => {
      const created = collections.create(c.req.valid("json").name);
      return c.json(created, 201, { Location: pathOf(created.name) });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/collections/{name}",
      tags: TAGS,
      summary: "A collection's papers, in the order they were added",
      description:
        "A paper that has left the corpus stays listed, with `missing: true` and the title it had when it was added.",
      request: { params: CollectionNameParams },
      responses: {
        200: jsonContent("The collection", CollectionSchema),
        400: errorResponse(400),
        401: errorResponse(401),
        404: errorResponse(404),
        431: errorResponse(431),
      },
    }),
    async (c) => {
      const { name } = c.req.valid("param");
      const stored = collections.get(name);
      if (!stored) throw collectionNotFound(name);
      return c.json(collectionView(await currentPapers(paperSource, stored.papers), stored), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/collections/{name}",
      tags: TAGS,
      summary: "Rename a collection",
      request: { params: CollectionNameParams, body: jsonBody(CollectionNameBody) },
      responses: {
        200: jsonContent("The renamed collection", CollectionSummarySchema),
        400: errorResponse(400),
        401: errorResponse(401),
        404: errorResponse(404),
        409: errorResponse(409),
        413: errorResponse(413),
        415: errorResponse(415),
      },
    }),
    (c) => {
      const renamed = collections.rename(c.req.valid("param").name, c.req.valid("json").name);
      return c.json(renamed, 200, { "Content-Location": pathOf(renamed.name) });
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/collections/{name}",
      tags: TAGS,
      summary: "Delete a collection (the papers stay in the index)",
      request: { params: CollectionNameParams },
      responses: {
        204: { description: "Deleted" },
        400: errorResponse(400),
        401: errorResponse(401),
        404: errorResponse(404),
        431: errorResponse(431),
      },
    }),
    (c) => {
      collections.delete(c.req.valid("param").name);
      return c.body(null, 204);
    },
  );
}
