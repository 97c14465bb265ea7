import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { apiError } from "../errors/api-error.ts";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Paths that stay public when an API key is set. */
const PUBLIC_PATHS = new Set(["/api/health"]);

/**
 * Requires `Authorization: Bearer <apiKey>` (compared in constant time); 401 in OpenAI's error
 * shape otherwise. CORS preflights and `/api/health` pass.
 *
 * @example
 * app.use("/api/*", requireApiKey(process.env.PAPERCHAT_API_KEY!));
 */
export function requireApiKey(apiKey: string): MiddlewareHandler {
  const expected = digest(apiKey);
  return async (c, next) => {
    if (c.req.method === "OPTIONS" || PUBLIC_PATHS.has(c.req.path)) return next();
    const match = /^Bearer\s+(.+)$/i.exec(c.req.header("Authorization") ?? "");
    if (!match || !timingSafeEqual(digest(match[1]!.trim()), expected)) {
      c.header("WWW-Authenticate", 'Bearer realm="paperchat"');
      throw apiError(
        "invalid_api_key",
        match
          ? "Incorrect API key. Send the key the server was started with (PAPERCHAT_API_KEY)."
          : "Missing API key. Send it as `Authorization: Bearer <key>` (the server has PAPERCHAT_API_KEY set).",
      );
    }
    return next();
  };
}
