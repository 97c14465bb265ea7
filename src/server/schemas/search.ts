import { z } from "@hono/zod-openapi";
import { DEFAULT_SEARCH_K } from "../../contract/default-k.ts";
import type { ServerLimits } from "../limits.ts";
import { integerField, integerQuery } from "./bounded-integer.ts";
import { nonBlankText } from "./bounded-text.ts";
import { filterBodyFields, filterQueryFields } from "./filters.ts";

const K_DESCRIPTION = "How many papers to return.";

/** A question: non-blank, at most `maxQuestionChars` characters, trimmed. */
export function questionText(limits: ServerLimits) {
  return nonBlankText({
    max: limits.maxQuestionChars,
    error: `must be at most ${limits.maxQuestionChars} characters (a question or a pasted abstract)`,
  });
}

/** The question field's documentation, the same in the query and in the body. */
const QUESTION_DOC = {
  description: "The question, or a pasted abstract.",
  example: "sparse bayesian neural networks",
};
const K_DOC = { default: DEFAULT_SEARCH_K };

/** `GET /api/search` query. */
export function searchQuerySchema(limits: ServerLimits) {
  return z.object({
    q: questionText(limits).openapi(QUESTION_DOC),
    k: integerQuery({ min: 1, max: limits.maxK, description: K_DESCRIPTION })
      .optional()
      .openapi(K_DOC),
    ...filterQueryFields(),
  });
}

/** `POST /api/search` body. */
export function searchBodySchema(limits: ServerLimits) {
  return z
    .object({
      query: questionText(limits).openapi(QUESTION_DOC),
      k: integerField({ min: 1, max: limits.maxK, description: K_DESCRIPTION })
        .optional()
        .openapi(K_DOC),
      ...filterBodyFields(),
    })
    .openapi("SearchRequest");
}
