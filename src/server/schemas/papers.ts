import { z } from "@hono/zod-openapi";
import { DEFAULT_SIMILAR_K } from "../../contract/default-k.ts";
import type { ServerLimits } from "../limits.ts";
import { integerQuery } from "./bounded-integer.ts";
import { filterQueryFields } from "./filters.ts";

export const PaperIdParams = z.object({
  id: z.string().openapi({
    param: {
      name: "id",
      in: "path",
      description:
        "A paper id (see GET /api/papers), percent-encoded as one path segment (encodeURIComponent): the arXiv id math/0501001 is sent as math%2F0501001.",
    },
    example: "math/0501001",
  }),
});

export const DEFAULT_PAGE_SIZE = 20;

/** `GET /api/papers` query. */
export function paperListQuerySchema(limits: ServerLimits) {
  return z.object({
    offset: integerQuery({ min: 0, max: 1e9 - 1, description: "Papers to skip." })
      .optional()
      .openapi({ default: 0 }),
    limit: integerQuery({ min: 1, max: limits.maxPageSize, description: "Papers per page." })
      .optional()
      .openapi({ default: DEFAULT_PAGE_SIZE }),
  });
}

/** `GET /api/papers/:id/similar` query. */
export function similarQuerySchema(limits: ServerLimits) {
  return z.object({
    k: integerQuery({ min: 1, max: limits.maxK, description: "How many similar papers." })
      .optional()
      .openapi({ default: DEFAULT_SIMILAR_K }),
    ...filterQueryFields(),
  });
}
