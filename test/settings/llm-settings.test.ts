import { describe, expect, it } from "vitest";
import { DEFAULT_LLM_TIMEOUT_MS, llmSettingsFromEnv } from "../../src/settings/llm-settings.ts";

describe("llmSettingsFromEnv", () => {
  const base = {
    PAPERCHAT_LLM_BASE_URL: "http://127.0.0.1:11434/v1",
    PAPERCHAT_LLM_MODEL: "llama3.2",
  };

  it("is off unless an endpoint is configured", () => {
    expect(llmSettingsFromEnv({})).toBeUndefined();
  });

  it("reads the endpoint, model, key and timeout", () => {
    expect(llmSettingsFromEnv(base)).toEqual({
      baseURL: base.PAPERCHAT_LLM_BASE_URL,
      model: "llama3.2",
      apiKey: undefined,
      timeoutMs: DEFAULT_LLM_TIMEOUT_MS,
    });
    expect(
      llmSettingsFromEnv({ ...base, PAPERCHAT_LLM_API_KEY: "k", PAPERCHAT_LLM_TIMEOUT_MS: "500" }),
    ).toMatchObject({ apiKey: "k", timeoutMs: 500 });
  });

  it.each([
    [{ PAPERCHAT_LLM_BASE_URL: base.PAPERCHAT_LLM_BASE_URL }, /PAPERCHAT_LLM_MODEL is not set/],
    [{ PAPERCHAT_LLM_MODEL: "llama3.2" }, /PAPERCHAT_LLM_BASE_URL is not set/],
    [{ ...base, PAPERCHAT_LLM_BASE_URL: "localhost:11434" }, /must be an http\(s\) URL/],
    [{ ...base, PAPERCHAT_LLM_TIMEOUT_MS: "soon" }, /PAPERCHAT_LLM_TIMEOUT_MS must be/],
  ])("names the variable to fix in %j", (env, message) => {
    expect(() => llmSettingsFromEnv(env)).toThrow(message);
  });
});
