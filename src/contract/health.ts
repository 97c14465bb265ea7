import { z } from "@hono/zod-openapi";

/**
 * `GET /api/health`: is the server up, and with which index and model.
 *
 * @example
 * const health: Health = HealthSchema.parse(await (await fetch("/api/health")).json());
 */
export const HealthSchema = z
  .object({
    status: z.literal("ok"),
    papers: z.number().int().openapi({ description: "Papers in the index.", example: 70 }),
    model: z.string().openapi({ example: "Xenova/all-MiniLM-L6-v2" }),
    dims: z.number().int().openapi({ example: 384 }),
    semantic: z.boolean().openapi({
      description:
        "False when the embedding model could not be loaded: search is lexical-only and /v1/embeddings answers 503.",
    }),
    semantic_off_reason: z.string().optional().openapi({
      description:
        "Only while `semantic` is false: why the model is not loaded and exactly how to turn semantic search on.",
    }),
    answers: z.enum(["extractive", "llm"]).openapi({
      description: "How /api/chat writes answers: quoted snippets, or a configured language model.",
    }),
  })
  .openapi("Health");

export type Health = z.infer<typeof HealthSchema>;
