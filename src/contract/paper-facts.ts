import { z } from "@hono/zod-openapi";

/**
 * What the corpus says about a paper beyond its text; each field only where the source has it.
 * Results, similar papers and a paper's page all carry these fields.
 *
 * @example
 * z.object({ id: z.string(), ...PaperFactsSchema.shape });
 */
export const PaperFactsSchema = z.object({
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
});

/** What the corpus says about a paper beyond its text ({@link PaperFactsSchema}). */
export type PaperFacts = z.infer<typeof PaperFactsSchema>;
