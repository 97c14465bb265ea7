import { z } from "@hono/zod-openapi";
import type { ServerLimits } from "../limits.ts";
import { integerField, integerQuery } from "./bounded-integer.ts";
import { nonBlankText } from "./bounded-text.ts";
import { checkYearOrder, filterBodyFields, filterQueryFields } from "./filters.ts";
import { PaperFactsSchema } from "./paper-facts.ts";

export const SnippetSchema = z
  .object({
    text: z.string().openapi({ description: "A verbatim sentence of the abstract." }),
    start: z.number().int().openapi({ description: "`abstract.slice(start, end) === text`" }),
    end: z.number().int(),
    score: z.number(),
  })
  .openapi("Snippet");

export const SearchResultSchema = z
  .object({
    id: z.string().openapi({ example: "training-bayesian-neural-networks-with-12d32a" }),
    title: z.string(),
    score: z
      .number()
      .openapi({ description: "Fused relevance in (0, 1]; results are best first." }),
    snippets: z.array(SnippetSchema),
    ...PaperFactsSchema.shape,
  })
  .openapi("SearchResult");

export const SearchResponseSchema = z
  .object({ query: z.string(), results: z.array(SearchResultSchema) })
  .openapi("SearchResponse");

const K_DESCRIPTION = "How many papers to return.";
export const DEFAULT_SEARCH_K = 10;

/** A question: non-blank, at most `maxQuestionChars` characters, trimmed. */
export function questionText(limits: ServerLimits) {
  return nonBlankText({
    max: limits.maxQuestionChars,
    error: `must be at most ${limits.maxQuestionChars} characters (a question or a pasted abstract)`,
  });
}

/** `GET /api/search` query. */
export function searchQuerySchema(limits: ServerLimits) {
  return z
    .object({
      q: questionText(limits).openapi({
        description: "The question, or a pasted abstract.",
        example: "sparse bayesian neural networks",
      }),
      k: integerQuery({ min: 1, max: limits.maxK, description: K_DESCRIPTION })
        .optional()
        .openapi({ default: DEFAULT_SEARCH_K }),
      ...filterQueryFields(),
    })
    .superRefine(checkYearOrder);
}

/** `POST /api/search` body. */
export function searchBodySchema(limits: ServerLimits) {
  return z
    .object({
      query: questionText(limits).openapi({
        description: "The question, or a pasted abstract.",
        example: "sparse bayesian neural networks",
      }),
      k: integerField({ min: 1, max: limits.maxK, description: K_DESCRIPTION })
        .optional()
        .openapi({ default: DEFAULT_SEARCH_K }),
      ...filterBodyFields(),
    })
    .superRefine(checkYearOrder)
    .openapi("SearchRequest");
}
