import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../../src/settings/configuration-error.ts";
import { resolveServerSettings } from "../../src/settings/server-settings.ts";

describe("resolveServerSettings", () => {
  it("serves on port 3000, all interfaces, open, extractive, when nothing is set", () => {
    expect(resolveServerSettings({})).toEqual({
      port: 3000,
      host: undefined,
      apiKey: undefined,
      cors: undefined,
      llm: undefined,
    });
  });

  it("reads the port, host, API key, CORS origins and chat model from the environment", () => {
    const settings = resolveServerSettings({
      PORT: "8080",
      HOST: "127.0.0.1",
      PAPERCHAT_API_KEY: " secret ",
      PAPERCHAT_CORS_ORIGINS: "https://example.org, http://localhost:5173",
      PAPERCHAT_LLM_BASE_URL: "http://127.0.0.1:11434/v1",
      PAPERCHAT_LLM_MODEL: "llama3.2",
    });
    expect(settings).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      apiKey: "secret",
      cors: { origins: ["https://example.org", "http://localhost:5173"] },
      llm: { baseURL: "http://127.0.0.1:11434/v1", model: "llama3.2" },
    });
  });

  it("lets --port and --host win over PORT and HOST", () => {
    const settings = resolveServerSettings(
      { PORT: "8080", HOST: "0.0.0.0" },
      { port: 0, host: "::1" },
    );
    expect(settings).toMatchObject({ port: 0, host: "::1" });
  });

  it.each([
    [{ PORT: "http" }, /port must be a whole number from 0 to 65535, got "http"/],
    [{ PORT: "70000" }, /got "70000"/],
    [
      { PAPERCHAT_CORS_ORIGINS: "https://example.org/app" },
      /"https:\/\/example.org\/app" is not an origin/,
    ],
    [{ PAPERCHAT_LLM_MODEL: "llama3.2" }, /PAPERCHAT_LLM_BASE_URL is not set/],
  ])("refuses %j with a ConfigurationError that names it", (env, message) => {
    const refuse = () => resolveServerSettings(env);
    expect(refuse).toThrow(ConfigurationError);
    expect(refuse).toThrow(message);
  });
});
