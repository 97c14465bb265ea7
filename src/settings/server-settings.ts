import { ConfigurationError } from "./configuration-error.ts";
import { type LlmSettings, llmSettingsFromEnv } from "./llm-settings.ts";

/** Which browser origins may call the API from other sites (CORS); off when absent. */
export interface CorsSettings {
  /** Allowed origins, e.g. `["https://example.org"]`; `["*"]` allows any. */
  origins: string[];
}

/** What `paperchat serve` needs beyond the model, index and corpus. */
export interface ServerSettings {
  /** Port to listen on, 0 for a free one (`PORT`, `--port`; default 3000). */
  port: number;
  /** Interface to listen on; all interfaces when absent (`HOST`, `--host`). */
  host?: string;
  /** Bearer key for `/api/*` and `/v1/*` (`PAPERCHAT_API_KEY`). */
  apiKey?: string;
  /** Origins allowed to call the API (`PAPERCHAT_CORS_ORIGINS`, comma-separated, or `*`). */
  cors?: CorsSettings;
  /** The chat model (`PAPERCHAT_LLM_*`, see `llmSettingsFromEnv`). */
  llm?: LlmSettings;
}

/** Flags that override the environment (all optional). */
export type ServerSettingsOverrides = Partial<Pick<ServerSettings, "port" | "host">>;

const DEFAULT_PORT = 3000;

function corsFromEnv(env: Record<string, string | undefined>): CorsSettings | undefined {
  const origins = (env.PAPERCHAT_CORS_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin !== "*" && !(URL.canParse(origin) && new URL(origin).origin === origin)) {
      throw new ConfigurationError(
        `PAPERCHAT_CORS_ORIGINS: "${origin}" is not an origin; write it as https://example.org (scheme, host, optional port; no path), or use *.`,
      );
    }
  }
  return origins.length > 0 ? { origins } : undefined;
}

/**
 * Resolves the server's settings from flags, then environment variables, then defaults.
 * Throws a `ConfigurationError` naming a value that cannot be used.
 *
 * @example
 * const server = await startServer({ settings, ...resolveServerSettings(process.env, { port: 8080 }) });
 */
export function resolveServerSettings(
  env: Record<string, string | undefined>,
  overrides: ServerSettingsOverrides = {},
): ServerSettings {
  const port = overrides.port ?? (env.PORT ? Number(env.PORT) : DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigurationError(
      `The port must be a whole number from 0 to 65535, got "${env.PORT ?? port}".`,
    );
  }
  const cors = corsFromEnv(env);
  return {
    port,
    host: overrides.host ?? env.HOST,
    apiKey: env.PAPERCHAT_API_KEY?.trim() || undefined,
    cors,
    llm: llmSettingsFromEnv(env),
  };
}
