import { z } from "@hono/zod-openapi";
import {
  COLLECTION_NAME_PATTERN,
  collectionNameProblem,
  MAX_COLLECTION_NAME_CHARS,
} from "../../contract/collection-name.ts";
import { DEFAULT_SEARCH_K } from "../../contract/default-k.ts";
import { EXPORT_FORMATS } from "../../contract/export-format.ts";
import type { ServerLimits } from "../limits.ts";
import { integerQuery } from "./bounded-integer.ts";
import { boundedText } from "./bounded-text.ts";
import { filterQueryFields } from "./filters.ts";

/** Most paper ids one request may add or export. */
export const MAX_IDS_PER_REQUEST = 1000;

const NAME_DESCRIPTION = `A collection name: 1 to ${MAX_COLLECTION_NAME_CHARS} characters, case-sensitive, without control characters or whitespace at either end, not "." or "..".`;

/** A valid collection name (the message says what is wrong with an invalid one). */
const collectionName = z
  .string()
  .superRefine((name, ctx) => {
    const problem = collectionNameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .openapi({
    description: NAME_DESCRIPTION,
    minLength: 1,
    maxLength: MAX_COLLECTION_NAME_CHARS,
    pattern: COLLECTION_NAME_PATTERN,
    example: "Graph recommenders",
  });

/** A paper id: any text of 1 to 200 characters (one the index does not hold is a 404). */
const paperId = boundedText({ max: 200, error: "must be at most 200 characters (a paper id)" })
  .min(1, { error: "must not be empty" })
  .openapi({ minLength: 1, example: "math/0501001" });

const paperIds = z
  .array(paperId)
  .min(1, { error: "must name at least one paper" })
  .max(MAX_IDS_PER_REQUEST, { error: `must name at most ${MAX_IDS_PER_REQUEST} papers` });

/** `{name}` in a collection's path, percent-encoded as one segment. */
export const CollectionNameParams = z.object({
  name: collectionName.openapi({
    param: {
      name: "name",
      in: "path",
      description: `${NAME_DESCRIPTION} Percent-encoded as one path segment (encodeURIComponent): "Reading/2024" is sent as Reading%2F2024.`,
    },
  }),
});

/** `{name}` and a paper's `{id}`, both percent-encoded. */
export const CollectionPaperParams = CollectionNameParams.extend({
  id: paperId.openapi({
    param: {
      name: "id",
      in: "path",
      description:
        "A paper id of the collection, percent-encoded as one path segment: math/0501001 is sent as math%2F0501001.",
    },
  }),
});

/** `POST /api/collections` and `PATCH /api/collections/:name` body. */
export const CollectionNameBody = z
  .object({ name: collectionName })
  .openapi("CollectionNameRequest");

/** `POST /api/collections/:name/papers` body: one id, or a list of them. */
export const AddPapersBody = z
  .union([
    z.object({ id: paperId }).strict(),
    z.object({ ids: paperIds.openapi({ description: "Papers to add, in order." }) }).strict(),
  ])
  .openapi("AddPapersRequest", {
    description: `One paper (\`{"id"}\`) or several (\`{"ids": [...]}\`, at most ${MAX_IDS_PER_REQUEST}); an id the index does not hold is a 404 and adds nothing.`,
  });

/** `POST /api/export` body. */
export const ExportBody = z
  .object({
    ids: paperIds.openapi({ description: "Papers to export, in this order." }),
  })
  .openapi("ExportRequest");

/** `?format=` of the export routes. */
export const ExportQuery = z.object({
  format: z
    .enum(EXPORT_FORMATS, { error: `must be one of ${EXPORT_FORMATS.join(", ")}` })
    .optional()
    .openapi({ default: "bibtex", description: "The citation format." }),
});

/** `GET /api/collections/:name/recommend` query. */
export function recommendQuerySchema(limits: ServerLimits) {
  return z.object({
    k: integerQuery({ min: 1, max: limits.maxK, description: "How many papers to recommend." })
      .optional()
      .openapi({ default: DEFAULT_SEARCH_K }),
    ...filterQueryFields(),
  });
}
