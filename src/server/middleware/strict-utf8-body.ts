import type { MiddlewareHandler } from "hono";
import { apiError } from "../errors/api-error.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a request body once and refuses one that is not valid UTF-8 (400), instead of letting
 * the JSON parser silently turn bad bytes into U+FFFD; later readers get the decoded text.
 *
 * @example
 * app.use("/api/*", strictUtf8Body());
 */
export function strictUtf8Body(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.raw.body === null) return next();
    let text: string;
    try {
      text = utf8.decode(await c.req.arrayBuffer());
    } catch {
      throw apiError(
        "invalid_utf8",
        "The request body is not valid UTF-8. Send JSON encoded as UTF-8.",
      );
    }
    // Hono's body cache holds the promises of earlier reads (its type says otherwise).
    (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
    return next();
  };
}
