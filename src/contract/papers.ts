import { z } from "@hono/zod-openapi";
import { PaperFactsSchema } from "./paper-facts.ts";

/** A paper named by its id and title. */
export const PaperRefSchema = z
  .object({
    id: z.string().openapi({ example: "training-bayesian-neural-networks-with-12d32a" }),
    title: z.string(),
  })
  .openapi("PaperRef");

/** `GET /api/papers`: a page of papers in corpus order. */
export const PaperListSchema = z
  .object({
    total: z.number().int().openapi({ description: "Papers in the index." }),
    offset: z.number().int(),
    limit: z.number().int(),
    papers: z.array(PaperRefSchema),
  })
  .openapi("PaperList");

/**
 * `GET /api/papers/:id`: a paper with its full abstract. Ids go percent-encoded in request paths
 * (`encodeURIComponent`).
 *
 * @example
 * PaperSchema.parse(await (await fetch(`/api/papers/${encodeURIComponent(id)}`)).json());
 */
export const PaperSchema = z
  .object({
    id: z.string().openapi({ example: "math/0501001" }),
    title: z.string(),
    abstract: z.string(),
    ...PaperFactsSchema.shape,
    metadata: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "Other fields of JSONL/CSV corpora, as they were." }),
  })
  .openapi("Paper");

/** `GET /api/papers/:id/similar` and `paperchat similar --json`: a paper and its nearest neighbours. */
export const SimilarResponseSchema = z
  .object({
    paper: PaperRefSchema,
    results: z.array(PaperRefSchema.extend({ score: z.number(), ...PaperFactsSchema.shape })),
  })
  .openapi("SimilarResponse");

export type PaperRef = z.infer<typeof PaperRefSchema>;
export type PaperList = z.infer<typeof PaperListSchema>;
export type Paper = z.infer<typeof PaperSchema>;
export type SimilarResponse = z.infer<typeof SimilarResponseSchema>;
