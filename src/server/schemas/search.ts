import { z } from "@hono/zod-openapi";
import { DEFAULT_SEARCH_K } from "../../contract/default-k.ts";
import type { ServerLimits } from "../limits.ts";
import { integerField, integerQuery } from "./bounded-integer.ts";
import { nonBlankText } from "./bounded-text.ts";
import { checkYearOrder, filterBodyFields, filterQueryFields } from "./filters.ts";

const K_DESCRIPTION = "How many papers to return.";

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
