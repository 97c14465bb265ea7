import { z } from "@hono/zod-openapi";

export const ErrorSchema = z
  .object({
    error: z.object({
      message: z.string().openapi({ description: "What went wrong and what to do about it." }),
      type: z.string().openapi({ example: "invalid_request_error" }),
      code: z.string().optional().openapi({ example: "invalid_value" }),
      param: z.string().optional().openapi({ description: "The request field at fault." }),
    }),
  })
  .openapi("Error");

const DESCRIPTIONS = {
  400: "Invalid request: a field is missing, of the wrong type or out of bounds; invalid JSON or UTF-8",
  401: "Missing or wrong API key (only when the server has PAPERCHAT_API_KEY set)",
  404: "Not found",
  409: "Conflict: a collection of that name exists already, or the collection is full",
  413: "Request body too large",
  415: "Body is not JSON (send Content-Type: application/json)",
  431: "URL and headers too large (over 64 KiB by default): send a long question in a POST body",
  500: "Unexpected server error; the message carries a request id to find it in the log",
  503: "The embedding model is not loaded (degraded mode); the message says how to provide it",
} as const;

export type ErrorStatus = keyof typeof DESCRIPTIONS;

/**
 * The OpenAPI response entry for an error status.
 *
 * @example
 * createRoute({ ..., responses: { 200: ok, 400: errorResponse(400), 404: errorResponse(404) } });
 */
export function errorResponse(status: ErrorStatus) {
  return {
    description: DESCRIPTIONS[status],
    content: { "application/json": { schema: ErrorSchema } },
  };
}
