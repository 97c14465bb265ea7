import { z } from "@hono/zod-openapi";
import { SearchResultSchema } from "./search-response.ts";

/** A collection's name and how many papers it holds. */
export const CollectionSummarySchema = z
  .object({
    name: z.string().openapi({ example: "Graph recommenders" }),
    papers: z.number().int().openapi({ description: "How many papers it holds.", example: 3 }),
  })
  .openapi("CollectionSummary");

/** `GET /api/collections` and `paperchat collection list --json`. */
export const CollectionListSchema = z
  .object({ collections: z.array(CollectionSummarySchema) })
  .openapi("CollectionList");

/** A paper of a collection; `missing` when it has left the corpus (its title is the one it had). */
export const CollectionPaperSchema = z
  .object({
    id: z.string().openapi({ example: "math/0501001" }),
    title: z.string(),
    missing: z.literal(true).optional().openapi({
      description:
        "Present (true) when the index no longer holds the paper: it stays listed, with the title it had when it was added.",
    }),
  })
  .openapi("CollectionPaper");

/**
 * `GET /api/collections/:name` and `paperchat collection show NAME --json`: a collection with
 * its papers in the order they were added.
 *
 * @example
 * const collection: Collection = await (await fetch(`/api/collections/${encodeURIComponent(name)}`)).json();
 */
export const CollectionSchema = z
  .object({ name: z.string(), papers: z.array(CollectionPaperSchema) })
  .openapi("Collection");

/** `POST /api/collections/:name/papers`: the collection after the change, and what it added. */
export const AddedPapersSchema = CollectionSummarySchema.extend({
  added: z.number().int().openapi({
    description: "How many of the papers were new to the collection (the others were in it).",
  }),
}).openapi("AddedPapers");

/** A recommended paper: a search result, and the collection papers it is closest to. */
export const RecommendationSchema = SearchResultSchema.extend({
  score: z.number().openapi({
    description: "How well the paper fits the collection, in [0, 1]; results are best first.",
  }),
  near: z.array(z.string()).openapi({
    description:
      "Ids of the collection papers this paper is closest to (1 to 3, nearest first); its snippets are the sentences of its abstract that match the first.",
    example: ["lightgcn-simplifying-and-powering-graph-9e6c4d"],
  }),
}).openapi("Recommendation");

/** How recommendations were ranked. */
export const RANKINGS = ["nearness", "classifier", "lexical"] as const;

/** `GET /api/collections/:name/recommend`: papers like the collection's, best first. */
export const RecommendResponseSchema = z
  .object({
    results: z.array(RecommendationSchema),
    ranking: z.enum(RANKINGS).openapi({
      description:
        "nearness: by cosine to the collection's papers (one or two of them); classifier: by a linear SVM trained on the collection's vectors against sampled others (three or more); lexical: by BM25 on the collection's terms (an index without vectors).",
    }),
  })
  .openapi("RecommendResponse");

export type CollectionSummary = z.infer<typeof CollectionSummarySchema>;
export type CollectionList = z.infer<typeof CollectionListSchema>;
export type CollectionPaper = z.infer<typeof CollectionPaperSchema>;
export type Collection = z.infer<typeof CollectionSchema>;
export type AddedPapers = z.infer<typeof AddedPapersSchema>;
export type Recommendation = z.infer<typeof RecommendationSchema>;
export type RecommendResponse = z.infer<typeof RecommendResponseSchema>;
export type Ranking = (typeof RANKINGS)[number];
