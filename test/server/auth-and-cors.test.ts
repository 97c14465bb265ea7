import OpenAI from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import type { PaperchatApp } from "../../src/server/app-context.ts";
import { tinyApp } from "./support/tiny-app.ts";
import { APP_ORIGIN, appFetch, openTinyEngine, userMessage } from "./support/tiny-server.ts";

// Both apps are built once for the file and called in-process (`app.request`).
const KEY = "s3cret-key";
let secured: PaperchatApp;
let open: PaperchatApp;

beforeAll(async () => {
  const tiny = await openTinyEngine();
  secured = tinyApp(tiny, { apiKey: KEY, cors: { origins: ["https://app.example.org"] } }).app;
  open = tinyApp(tiny).app;
});

const protectedRequests: [string, string, RequestInit?][] = [
  ["GET /api/search", "/api/search?q=graphs"],
  [
    "POST /api/search",
    "/api/search",
    { method: "POST", body: JSON.stringify({ query: "graphs" }) },
  ],
  ["GET /api/papers", "/api/papers"],
  [
    "POST /api/chat",
    "/api/chat",
    { method: "POST", body: JSON.stringify({ messages: [userMessage("graphs")] }) },
  ],
  [
    "POST /v1/embeddings",
    "/v1/embeddings",
    { method: "POST", body: JSON.stringify({ input: "graphs" }) },
  ],
  ["GET /v1/models", "/v1/models"],
];

function call(app: PaperchatApp, path: string, init: RequestInit = {}, authorization?: string) {
  return app.request(path, {
    ...init,
    headers: {
      "content-type": "application/json",
      ...(authorization && { authorization }),
    },
  });
}

describe("with PAPERCHAT_API_KEY set", () => {
  it.each(protectedRequests)(
    "%s needs the key (401 in OpenAI's error shape)",
    async (_, path, init) => {
      for (const authorization of [undefined, "Bearer wrong-key", `Basic ${KEY}`, KEY]) {
        const response = await call(secured, path, init, authorization);
        expect(response.status).toBe(401);
        expect(response.headers.get("www-authenticate")).toContain("Bearer");
        expect(await response.json()).toEqual({
          error: {
            message: expect.any(String),
            type: "invalid_request_error",
            code: "invalid_api_key",
          },
        });
      }
    },
  );

  it.each(protectedRequests)("%s answers with the key", async (_, path, init) => {
    const response = await call(secured, path, init, `Bearer ${KEY}`);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  });

  it("keeps health, docs and the web page public", async () => {
    for (const path of ["/api/health", "/docs", "/openapi.json", "/"]) {
      expect((await secured.request(path)).status).toBe(200);
    }
  });

  it("works with the openai client's apiKey", async () => {
    const client = { baseURL: `${APP_ORIGIN}/v1`, fetch: appFetch(secured), maxRetries: 0 };
    const good = new OpenAI({ ...client, apiKey: KEY });
    const bad = new OpenAI({ ...client, apiKey: "nope" });
    const response = await good.embeddings.create({
      model: "paperchat-tiny-bert",
      input: "graphs",
    });
    expect(response.data).toHaveLength(1);
    await expect(
      bad.embeddings.create({ model: "paperchat-tiny-bert", input: "graphs" }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("documents the key requirement", async () => {
    const document = (await (await secured.request("/openapi.json")).json()) as {
      security?: unknown;
      paths: Record<string, { get?: { security?: unknown } }>;
    };
    expect(document.security).toEqual([{ Bearer: [] }]);
    expect(document.paths["/api/health"]!.get!.security).toEqual([]);
  });
});

describe("without an API key", () => {
  it.each(protectedRequests)("%s answers without credentials", async (_, path, init) => {
    const response = await call(open, path, init);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  });
});

describe("CORS", () => {
  it("is off by default", async () => {
    const response = await open.request("/api/health", {
      headers: { origin: "https://app.example.org" },
    });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows configured origins, preflight included, without needing the key", async () => {
    const preflight = await secured.request("/api/search", {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example.org",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example.org");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "authorization",
    );

    const other = await secured.request("/api/health", {
      headers: { origin: "https://evil.example" },
    });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});
