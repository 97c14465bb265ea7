import { ConfigurationError } from "./configuration-error.ts";

/** An OpenAI-compatible chat endpoint (Ollama, llama.cpp, vLLM, …) that writes chat answers. */
export interface LlmSettings {
  /** Base URL of the API, e.g. `http://127.0.0.1:11434/v1` (`PAPERCHAT_LLM_BASE_URL`). */
  baseURL: string;
  /** Model name as the endpoint knows it (`PAPERCHAT_LLM_MODEL`). */
  model: string;
  /** Sent as a bearer token when set (`PAPERCHAT_LLM_API_KEY`). */
  apiKey?: string;
  /** Give up (and answer extractively) after this long (`PAPERCHAT_LLM_TIMEOUT_MS`). */
  timeoutMs: number;
}

/** Local models can be slow to start; after this long the extractive answer is sent instead. */
export const DEFAULT_LLM_TIMEOUT_MS = 60_000;

/**
 * Reads the optional LLM endpoint from the environment; undefined unless both
 * `PAPERCHAT_LLM_BASE_URL` and `PAPERCHAT_LLM_MODEL` are set. Throws a `ConfigurationError`
 * naming the variable when a value is unusable.
 *
 * @example
 * llmSettingsFromEnv({ PAPERCHAT_LLM_BASE_URL: "http://127.0.0.1:11434/v1", PAPERCHAT_LLM_MODEL: "llama3.2" });
 */
export function llmSettingsFromEnv(
  env: Record<string, string | undefined>,
): LlmSettings | undefined {
  const baseURL = env.PAPERCHAT_LLM_BASE_URL?.trim();
  const model = env.PAPERCHAT_LLM_MODEL?.trim();
  if (!baseURL && !model) return undefined;
  if (!baseURL || !model) {
    const missing = baseURL ? "PAPERCHAT_LLM_MODEL" : "PAPERCHAT_LLM_BASE_URL";
    throw new ConfigurationError(
      `${missing} is not set: set both PAPERCHAT_LLM_BASE_URL and PAPERCHAT_LLM_MODEL to answer with a language model, or neither for extractive answers.`,
    );
  }
  if (!URL.canParse(baseURL) || !/^https?:$/.test(new URL(baseURL).protocol)) {
    throw new ConfigurationError(
      `PAPERCHAT_LLM_BASE_URL must be an http(s) URL such as http://127.0.0.1:11434/v1, got "${baseURL}".`,
    );
  }
  const timeoutText = env.PAPERCHAT_LLM_TIMEOUT_MS?.trim();
  const timeoutMs = timeoutText ? Number(timeoutText) : DEFAULT_LLM_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new ConfigurationError(
      `PAPERCHAT_LLM_TIMEOUT_MS must be a positive whole number of milliseconds, got "${timeoutText}".`,
    );
  }
  const apiKey = env.PAPERCHAT_LLM_API_KEY?.trim() || undefined;
  return { baseURL, model, apiKey, timeoutMs };
}
