import { z } from "@hono/zod-openapi";

/** `POST /v1/embeddings` and `paperchat embed --json`, as OpenAI's API answers. */
export const EmbeddingsResponseSchema = z
  .object({
    object: z.literal("list"),
    data: z.array(
      z.object({
        object: z.literal("embedding"),
        index: z.number().int(),
        embedding: z.union([z.array(z.number()), z.string()]).openapi({
          description: "Unit-length vector; a base64 string with encoding_format=base64.",
        }),
      }),
    ),
    model: z.string(),
    usage: z.object({
      prompt_tokens: z
        .number()
        .int()
        .openapi({ description: "Tokens as the model's tokenizer counts them." }),
      total_tokens: z.number().int(),
    }),
  })
  .openapi("EmbeddingsResponse");

/** A model as OpenAI's `GET /v1/models` lists it. */
export const ModelSchema = z
  .object({
    id: z.string().openapi({ example: "Xenova/all-MiniLM-L6-v2" }),
    object: z.literal("model"),
    created: z.number().int().openapi({ description: "When the index was built (Unix seconds)." }),
    owned_by: z.string(),
  })
  .openapi("Model");

/** `GET /v1/models`: the one embedding model the server serves. */
export const ModelListSchema = z
  .object({ object: z.literal("list"), data: z.array(ModelSchema) })
  .openapi("ModelList");

export type EmbeddingsResponse = z.infer<typeof EmbeddingsResponseSchema>;
export type ModelList = z.infer<typeof ModelListSchema>;
