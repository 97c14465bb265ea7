import { z } from "@hono/zod-openapi";

/** A question to start with, about a paper of the corpus that search ranks in its top 3. */
export const StarterQuestionSchema = z
  .object({
    question: z.string().openapi({ example: "What is LightGCN?" }),
    paperId: z.string().openapi({
      description: "The paper the question is about; search ranks it in the top 3 for it.",
      example: "lightgcn-simplifying-and-powering-graph-9e6c4d",
    }),
    title: z.string(),
  })
  .openapi("StarterQuestion");

export const FacetsSchema = z
  .object({
    years: z
      .object({ min: z.number().int(), max: z.number().int() })
      .optional()
      .openapi({
        description: "The earliest and latest year of the papers; absent when none has a year.",
        example: { min: 2007, max: 2024 },
      }),
    categories: z
      .array(z.object({ name: z.string(), papers: z.number().int() }))
      .optional()
      .openapi({
        description:
          "The most frequent categories (up to 50), most papers first; absent when no paper has one.",
        example: [{ name: "cs.LG", papers: 1200 }],
      }),
  })
  .openapi("Facets", {
    description:
      "What the corpus can be filtered by (year_from / year_to / category on search, chat and similar).",
  });

/**
 * `GET /api/starters`: starting points and what the corpus can be filtered by.
 *
 * @example
 * const { starters, facets }: StartersResponse = await (await fetch("/api/starters")).json();
 */
export const StartersResponseSchema = z
  .object({ starters: z.array(StarterQuestionSchema), facets: FacetsSchema })
  .openapi("StartersResponse");

export type StarterQuestion = z.infer<typeof StarterQuestionSchema>;
export type Facets = z.infer<typeof FacetsSchema>;
export type StartersResponse = z.infer<typeof StartersResponseSchema>;
