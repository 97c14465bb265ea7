import { z } from "@hono/zod-openapi";
import type { ServerLimits } from "../limits.ts";
import { integerQuery } from "./bounded-integer.ts";

export const PaperRefSchema = z
  .object({
    id: z.string().openapi({ example: "training-bayesian-neural-networks-with-12d32a" }),
    title: z.string(),
  })
  .openapi("PaperRef");

export const PaperListSchema = z
  .object({
    total: z.number().int().openapi({ description: "Papers in the index." }),
    offset: z.number().int(),
    limit: z.number().int(),
    papers: z.array(PaperRefSchema),
  })
  .openapi("PaperList");

export const PaperSchema = z
  .object({
    id: z.string().openapi({ example: "math/0501001" }),
    title: z.string(),
    abstract: z.string(),
    authors: z
      .array(z.string())
      .optional()
      .openapi({ example: ["Ada Example", "Ben Sample"] }),
    year: z.number().int().optional().openapi({ example: 2005 }),
    categories: z
      .array(z.string())
      .optional()
      .openapi({ example: ["math.CO", "math.PR"] }),
    doi: z.string().optional().openapi({
      description: "A bare DOI; its link is https://doi.org/ followed by it.",
      example: "10.1103/PhysRevD.76.013009",
    }),
    url: z.string().optional().openapi({
      description:
        "Where to read the paper: its arXiv abstract page, its source's link or its DOI's.",
      example: "https://arxiv.org/abs/math/0501001",
    }),
    metadata: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "Other fields of JSONL/CSV corpora, as they were." }),
  })
  .openapi("Paper");

export const SimilarResponseSchema = z
  .object({
    paper: PaperRefSchema,
    results: z.array(PaperRefSchema.extend({ score: z.number() })),
  })
  .openapi("SimilarResponse");

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
export const DEFAULT_SIMILAR_K = 5;

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
  });
}
