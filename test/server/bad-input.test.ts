import { beforeAll, describe, expect, it } from "vitest";
import type { SearchResponse } from "../../src/contract/search-response.ts";
import { DEFAULT_LIMITS } from "../../src/server/limits.ts";
import { papersOf } from "../support/tiny-index.ts";
import { type TinyApp, tinyApp } from "./support/tiny-app.ts";
import { openTinyEngine, userMessage } from "./support/tiny-server.ts";

// Every request goes to the app in-process (`app.request`), built once for the file.
let server: TinyApp;
let paperId: string;

const JSON_TYPE = { "content-type": "application/json" };
const tooLong = "x".repeat(DEFAULT_LIMITS.maxQuestionChars + 1);
const user = (text: string) => userMessage(text, "u");

interface BadRequest {
  method: string;
  path: string | (() => string);
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  status: number;
  code?: string;
  param?: string;
}

const post = (
  path: string,
  body: unknown,
  extra: Partial<BadRequest> = {},
): Omit<BadRequest, "status"> => ({
  method: "POST",
  path,
  body: typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body),
  headers: JSON_TYPE,
  ...extra,
});

const BAD_REQUESTS: [string, BadRequest][] = [
  // GET /api/search
  [
    "search without q",
    { method: "GET", path: "/api/search", status: 400, code: "invalid_value", param: "q" },
  ],
  ["search with empty q", { method: "GET", path: "/api/search?q=", status: 400, param: "q" }],
  [
    "search with blank q",
    { method: "GET", path: "/api/search?q=%20%20%20", status: 400, param: "q" },
  ],
  [
    "search with too long q",
    { method: "GET", path: `/api/search?q=${tooLong}`, status: 400, param: "q" },
  ],
  ["search with k=0", { method: "GET", path: "/api/search?q=gans&k=0", status: 400, param: "k" }],
  [
    "search with negative k",
    { method: "GET", path: "/api/search?q=gans&k=-3", status: 400, param: "k" },
  ],
  ["search with k=51", { method: "GET", path: "/api/search?q=gans&k=51", status: 400, param: "k" }],
  [
    "search with huge k",
    { method: "GET", path: "/api/search?q=gans&k=99999999999999999999", status: 400, param: "k" },
  ],
  [
    "search with k=abc",
    { method: "GET", path: "/api/search?q=gans&k=abc", status: 400, param: "k" },
  ],
  [
    "search with fractional k",
    { method: "GET", path: "/api/search?q=gans&k=2.5", status: 400, param: "k" },
  ],
  [
    "search with two k values",
    { method: "GET", path: "/api/search?q=gans&k=2&k=3", status: 400, param: "k" },
  ],
  // POST /api/search
  [
    "search body that is not JSON",
    { ...post("/api/search", "{query: gans"), status: 400, code: "invalid_json" },
  ],
  ["empty search body", { ...post("/api/search", ""), status: 400, code: "invalid_json" }],
  ["search body null", { ...post("/api/search", "null"), status: 400 }],
  ["search body array", { ...post("/api/search", "[]"), status: 400 }],
  [
    "deeply nested search body",
    { ...post("/api/search", `${"[".repeat(5000)}${"]".repeat(5000)}`), status: 400 },
  ],
  [
    "search query of the wrong type",
    { ...post("/api/search", { query: 42 }), status: 400, param: "query" },
  ],
  ["search without query", { ...post("/api/search", { q: "gans" }), status: 400, param: "query" }],
  ["empty search query", { ...post("/api/search", { query: "" }), status: 400, param: "query" }],
  [
    "too long search query",
    { ...post("/api/search", { query: tooLong }), status: 400, param: "query" },
  ],
  [
    "search k as a string",
    { ...post("/api/search", { query: "gans", k: "5" }), status: 400, param: "k" },
  ],
  [
    "search k=0 in the body",
    { ...post("/api/search", { query: "gans", k: 0 }), status: 400, param: "k" },
  ],
  [
    "search k overflowing to infinity",
    { ...post("/api/search", '{"query":"gans","k":1e400}'), status: 400, param: "k" },
  ],
  [
    "search body as text/plain",
    {
      ...post("/api/search", { query: "gans" }, { headers: { "content-type": "text/plain" } }),
      status: 415,
      code: "unsupported_media_type",
    },
  ],
  [
    "search body as a form",
    {
      ...post("/api/search", "query=gans", {
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      status: 415,
    },
  ],
  [
    "search body in bad UTF-8",
    {
      ...post(
        "/api/search",
        new Uint8Array([...Buffer.from('{"query":"ga'), 0xc3, 0x28, ...Buffer.from('ns"}')]),
      ),
      status: 400,
      code: "invalid_utf8",
    },
  ],
  [
    "oversized search body",
    {
      ...post("/api/search", { query: "x".repeat(DEFAULT_LIMITS.maxBodyBytes) }),
      status: 413,
      code: "body_too_large",
    },
  ],
  // /api/papers
  [
    "papers with limit=0",
    { method: "GET", path: "/api/papers?limit=0", status: 400, param: "limit" },
  ],
  [
    "papers with limit=101",
    { method: "GET", path: "/api/papers?limit=101", status: 400, param: "limit" },
  ],
  [
    "papers with negative offset",
    { method: "GET", path: "/api/papers?offset=-5", status: 400, param: "offset" },
  ],
  [
    "unknown paper",
    { method: "GET", path: "/api/papers/not-a-paper-000000", status: 404, code: "paper_not_found" },
  ],
  [
    "similar of an unknown paper",
    { method: "GET", path: "/api/papers/nope/similar", status: 404, code: "paper_not_found" },
  ],
  [
    "similar with k=0",
    { method: "GET", path: () => `/api/papers/${paperId}/similar?k=0`, status: 400, param: "k" },
  ],
  [
    "similar with k=1000",
    { method: "GET", path: () => `/api/papers/${paperId}/similar?k=1000`, status: 400, param: "k" },
  ],
  // /v1/embeddings
  ["embeddings without input", { ...post("/v1/embeddings", {}), status: 400, param: "input" }],
  [
    "embeddings with no inputs",
    { ...post("/v1/embeddings", { input: [] }), status: 400, param: "input" },
  ],
  [
    "embeddings with an empty input",
    { ...post("/v1/embeddings", { input: "" }), status: 400, param: "input" },
  ],
  [
    "embeddings with token ids",
    { ...post("/v1/embeddings", { input: [1, 2, 3] }), status: 400, param: "input[0]" },
  ],
  [
    "embeddings with token arrays",
    { ...post("/v1/embeddings", { input: [[1, 2]] }), status: 400, param: "input[0]" },
  ],
  [
    "embeddings with too many inputs",
    {
      ...post("/v1/embeddings", { input: Array(DEFAULT_LIMITS.maxInputs + 1).fill("x") }),
      status: 400,
      param: "input",
    },
  ],
  [
    "embeddings with a too long input",
    { ...post("/v1/embeddings", { input: ["ok", tooLong] }), status: 400, param: "input[1]" },
  ],
  [
    "embeddings with an unknown encoding",
    {
      ...post("/v1/embeddings", { input: "x", encoding_format: "binary" }),
      status: 400,
      param: "encoding_format",
    },
  ],
  [
    "embeddings with another model",
    {
      ...post("/v1/embeddings", { input: "x", model: "gpt-4" }),
      status: 404,
      code: "model_not_found",
    },
  ],
  [
    "embeddings with other dimensions",
    { ...post("/v1/embeddings", { input: "x", dimensions: 3 }), status: 400, param: "dimensions" },
  ],
  // /api/chat
  ["chat without messages", { ...post("/api/chat", {}), status: 400, param: "messages" }],
  [
    "chat with no messages",
    { ...post("/api/chat", { messages: [] }), status: 400, param: "messages" },
  ],
  [
    "chat messages as a string",
    { ...post("/api/chat", { messages: "hi" }), status: 400, param: "messages" },
  ],
  [
    "chat with an unknown role",
    {
      ...post("/api/chat", { messages: [{ role: "robot", parts: [] }] }),
      status: 400,
      param: "messages[0].role",
    },
  ],
  [
    "chat parts that are not a list",
    {
      ...post("/api/chat", { messages: [{ role: "user", parts: "hi" }] }),
      status: 400,
      param: "messages[0].parts",
    },
  ],
  [
    "chat question without text",
    {
      ...post("/api/chat", {
        messages: [{ id: "u", role: "user", parts: [{ type: "file", url: "x" }] }],
      }),
      status: 400,
      param: "messages",
    },
  ],
  [
    "chat question too long",
    {
      ...post("/api/chat", { messages: [user(tooLong)] }),
      status: 400,
      param: "messages[0].parts[0].text",
    },
  ],
  [
    "chat with too many messages",
    {
      ...post("/api/chat", {
        messages: Array(DEFAULT_LIMITS.maxChatMessages + 1).fill(user("gans")),
      }),
      status: 400,
      param: "messages",
    },
  ],
  [
    "chat with k=0",
    { ...post("/api/chat", { messages: [user("gans")], k: 0 }), status: 400, param: "k" },
  ],
  [
    "chat sent as text",
    { ...post("/api/chat", "hi", { headers: { "content-type": "text/plain" } }), status: 415 },
  ],
  // routing
  [
    "an unknown API route",
    { method: "GET", path: "/api/unknown", status: 404, code: "route_not_found" },
  ],
  [
    "an unknown v1 route",
    { method: "POST", path: "/v1/chat/completions", body: "{}", headers: JSON_TYPE, status: 404 },
  ],
  [
    "a wrong method",
    { method: "DELETE", path: "/api/papers", status: 405, code: "method_not_allowed" },
  ],
  [
    "GET on embeddings",
    { method: "GET", path: "/v1/embeddings", status: 405, code: "method_not_allowed" },
  ],
];

beforeAll(async () => {
  const tiny = await openTinyEngine();
  server = tinyApp(tiny);
  paperId = (await papersOf(tiny.engine.store))[0]!.id;
});

describe("malformed requests", () => {
  it("has a table of at least 30 cases", () => {
    expect(BAD_REQUESTS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(BAD_REQUESTS)("%s → the right 4xx in the error shape", async (_, bad) => {
    const path = typeof bad.path === "function" ? bad.path() : bad.path;
    const body = bad.body instanceof Uint8Array ? new Uint8Array(bad.body).buffer : bad.body;
    const response = await server.app.request(path, {
      method: bad.method,
      headers: bad.headers,
      body,
    });
    const json = (await response.json()) as { error: Record<string, unknown> };
    expect(response.status).toBe(bad.status);
    expect(json.error).toEqual({
      message: expect.stringMatching(/\w/),
      type: expect.stringMatching(/^(invalid_request_error|not_found_error)$/),
      ...(json.error.code !== undefined && { code: expect.any(String) }),
      ...(json.error.param !== undefined && { param: expect.any(String) }),
    });
    if (bad.code) expect(json.error.code).toBe(bad.code);
    if (bad.param) {
      expect(json.error.param).toBe(bad.param);
      expect(json.error.message).toContain(`"${bad.param}"`);
    }
  });

  it("still answers correctly afterwards, having logged no server error", async () => {
    const health = await server.app.request("/api/health");
    expect(health.status).toBe(200);
    const search = (await (
      await server.app.request("/api/search?q=reverse+feature+pyramid&k=2")
    ).json()) as SearchResponse;
    expect(search.results).toHaveLength(2);
    expect(search.results[0]!.title).toContain("RCNet");
    expect(server.logger.lines.filter((line) => line.level === "error")).toEqual([]);
  });
});
