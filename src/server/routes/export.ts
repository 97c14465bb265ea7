import { createRoute, z } from "@hono/zod-openapi";
import { collectionNotFound } from "../../collections/collection-error.ts";
import { currentPapers } from "../../collections/current-papers.ts";
import { EXPORT_FILES, type ExportFormat } from "../../contract/export-format.ts";
import type { ExportPaper } from "../../export/export-paper.ts";
import { formatPapers } from "../../export/format-papers.ts";
import type { AppContext, PaperchatApp } from "../app-context.ts";
import { CollectionNameParams, ExportBody, ExportQuery } from "../schemas/collections.ts";
import { errorResponse } from "../schemas/error.ts";
import { jsonBody } from "../schemas/json-content.ts";
import { knownPapers } from "./collection-papers.ts";
import { attachment } from "./content-disposition.ts";

const FORMATS_TEXT =
  "`bibtex` (application/x-bibtex), `ris` (application/x-research-info-systems) or `csl-json` (application/vnd.citationstyles.csl+json); BibTeX by default.";

/** CSL-JSON as the document describes it: a list of CSL items. */
const CslItems = z.array(z.record(z.string(), z.unknown())).openapi({
  description:
    "CSL-JSON items, valid against the CSL data schema (https://resource.citationstyles.org/schema/v1.0/input/json/csl-data.json).",
});

/** The 200 of an export: the file, in the format asked for. */
const exported = {
  description: "The citation file, as an attachment",
  content: Object.fromEntries(
    Object.entries(EXPORT_FILES).map(([format, { contentType }]) => [
      contentType.split(";")[0]!,
      { schema: format === "csl-json" ? CslItems : z.string() },
    ]),
  ),
};

/**
 * `GET /api/collections/:name/export?format=…` and `POST /api/export?format=…` with
 * `{"ids": [...]}`: citation files of papers (see {@link formatPapers}).
 *
 * @example
 * registerExportRoutes(app, context);
 */
export function registerExportRoutes(app: PaperchatApp, context: AppContext): void {
  const { collections, paperSource } = context;
  const file = (papers: readonly ExportPaper[], format: ExportFormat, name: string) => {
    const { contentType, extension } = EXPORT_FILES[format];
    return new Response(formatPapers(papers, format), {
      headers: {
        "Content-Type": contentType,
        "Content-Disposition": attachment(`${name}.${extension}`),
      },
    });
  };

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/collections/{name}/export",
      tags: ["Collections"],
      summary: "A collection's papers as a citation file",
      description: `${FORMATS_TEXT} Papers that left the corpus are exported from their id and title.`,
      request: { params: CollectionNameParams, query: ExportQuery },
      responses: {
        200: exported,
        400: errorResponse(400),
        401: errorResponse(401),
        404: errorResponse(404),
        431: errorResponse(431),
      },
    }),
    async (c) => {
      const { name } = c.req.valid("param");
      const { format = "bibtex" } = c.req.valid("query");
      const collection = collections.get(name);
      if (!collection) throw collectionNotFound(name);
      const current = await currentPapers(paperSource, collection.papers);
      return file(
        current.map(({ paper }) => paper),
        format,
        name,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/export",
      tags: ["Collections"],
      summary: "Papers by id as a citation file",
      description: `${FORMATS_TEXT} An id the index does not hold answers 404 \`paper_not_found\`.`,
      request: { query: ExportQuery, body: jsonBody(ExportBody) },
      responses: {
        200: exported,
        400: errorResponse(400),
        401: errorResponse(401),
        404: errorResponse(404),
        413: errorResponse(413),
        415: errorResponse(415),
      },
    }),
    async (c) => {
      const { format = "bibtex" } = c.req.valid("query");
      const papers = await knownPapers(paperSource, c.req.valid("json").ids, "ids");
      return file(papers, format, "papers");
    },
  );
}
