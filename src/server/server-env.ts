import { llmSettingsFromEnv } from "../chat/llm-settings.ts";
import type { AppOptions } from "./app.ts";

/** The app options the environment can set. */
export type EnvAppOptions = Pick<AppOptions, "apiKey" | "cors" | "llm">;

/**
 * Reads the server's optional settings from the environment: `PAPERCHAT_API_KEY` (bearer key
 * for `/api/*` and `/v1/*`), `PAPERCHAT_CORS_ORIGINS` (comma-separated origins, or `*`; CORS is
 * off without it) and the chat model (`PAPERCHAT_LLM_BASE_URL`, `PAPERCHAT_LLM_MODEL`,
 * `PAPERCHAT_LLM_API_KEY`, `PAPERCHAT_LLM_TIMEOUT_MS`). Throws a `RangeError` naming a bad value.
 *
 * @example
 * const app = createApp({ engine, embedder, ...appOptionsFromEnv(process.env) });
 */
export function appOptionsFromEnv(env: Record<string, string | undefined>): EnvAppOptions {
  const origins = (env.PAPERCHAT_CORS_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin !== "*" && !(URL.canParse(origin) && new URL(origin).origin === origin)) {
      throw new RangeError(
        `PAPERCHAT_CORS_ORIGINS: "${origin}" is not an origin; write it as https://example.org (scheme, host, optional port; no path), or use *.`,
      );
    }
  }
  return {
    apiKey: env.PAPERCHAT_API_KEY?.trim() || undefined,
    cors: origins.length > 0 ? { origins } : undefined,
    llm: llmSettingsFromEnv(env),
  };
}
