import { z } from "@hono/zod-openapi";
import { PaperFactsSchema } from "./paper-facts.ts";

/** A verbatim sentence of an abstract, with where it stands in it and how well it matches. */
export const SnippetSchema = z
  .object({
    text: z.string().openapi({ description: "A verbatim sentence of the abstract." }),
    start: z.number().int().openapi({ description: "`abstract.slice(start, end) === text`" }),
    end: z.number().int(),
    score: z.number(),
  })
  .openapi("Snippet");

/** One paper that answers a question, with its best snippets. */
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

/**
 * `GET /api/search`, `POST /api/search` and `paperchat search --json`.
 *
 * @example
 * SearchResponseSchema.parse(await (await fetch("/api/search?q=gans")).json());
 */
export const SearchResponseSchema = z
  .object({ query: z.string(), results: z.array(SearchResultSchema) })
  .openapi("SearchResponse");

export type Snippet = z.infer<typeof SnippetSchema>;
export type SearchResult = z.infer<typeof SearchResultSchema>;
export type SearchResponse = z.infer<typeof SearchResponseSchema>;
