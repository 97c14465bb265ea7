import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import type { PaperchatApp } from "../../src/server/app-context.ts";
import { DEFAULT_LIMITS } from "../../src/server/limits.ts";
import { ChatStreamEventSchema } from "../../src/server/schemas/chat.ts";
import { errorProblems } from "../reliability/support/contract-shapes.ts";
import { rawExchange } from "../reliability/support/raw-http.ts";
import { openTinyEngine, serveTiny, type TinyEngine, userMessage } from "./support/tiny-server.ts";

/**
 * Regression tests for what schemathesis (test/fuzz/) found: places where /openapi.json and the
 * server's behaviour disagreed. Each test holds one of them to the document.
 */

interface Schema {
  type?: string;
  enum?: unknown[];
  maxLength?: number;
  pattern?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  $ref?: string;
}

interface Operation {
  requestBody?: { content: Record<string, { schema: Schema }> };
  parameters?: { name: string; schema: Schema }[];
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

let tiny: TinyEngine;
let app: PaperchatApp;
let document: OpenApiDocument;
const MAX = DEFAULT_LIMITS.maxQuestionChars;
const EMOJI = "\u{1F600}";

const post = (path: string, body: unknown) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const schemaOf = (ref: Schema) => document.components.schemas[ref.$ref!.split("/").pop()!]!;

beforeAll(async () => {
  tiny = await openTinyEngine();
  app = createApp({ engine: tiny.engine, embedder: tiny.embedder });
  document = (await (await app.request("/openapi.json")).json()) as OpenApiDocument;
});

describe("POST /v1/embeddings `dimensions`", () => {
  it("is documented as the model's dimensions only, and accepted as such", async () => {
    const { dims } = tiny.embedder;
    const { requestBody } = document.paths["/v1/embeddings"]!.post!;
    const request = schemaOf(requestBody!.content["application/json"]!.schema);
    expect(request.properties!.dimensions!.enum).toEqual([dims]);
    expect(
      (await post("/v1/embeddings", { input: "graph networks", dimensions: dims })).status,
    ).toBe(200);
    const refused = await post("/v1/embeddings", { input: "graph networks", dimensions: 0 });
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: { param: string; message: string } };
    expect(error.param).toBe("dimensions");
    expect(error.message).toContain(String(dims));
  });
});

describe("the /api/chat stream", () => {
  it("is documented per server-sent event, and every event it sends fits that schema", async () => {
    const content = document.paths["/api/chat"]!.post!.responses["200"]!.content!;
    const event = schemaOf(content["text/event-stream"]!.schema);
    expect(event).toMatchObject({ type: "object", required: ["data"] });
    const response = await post("/api/chat", { messages: [userMessage("graph convolution")] });
    const events = (await response.text())
      .split("\n\n")
      .filter((block) => block.trim() !== "")
      .map((block) => ({
        data: block
          .split("\n")
          .filter((line) => line.startsWith("data: "))
          .map((line) => line.slice("data: ".length))
          .join("\n"),
      }));
    expect(events.length).toBeGreaterThan(3);
    for (const parsed of events) expect(ChatStreamEventSchema.safeParse(parsed).success).toBe(true);
  });
});

describe("question length, counted as the document's maxLength counts (code points)", () => {
  const searchQ = () =>
    document.paths["/api/search"]!.get!.parameters!.find((p) => p.name === "q")!.schema;

  it(`accepts ${MAX} emoji, which are ${2 * MAX} UTF-16 units`, async () => {
    expect(searchQ().maxLength).toBe(MAX);
    const question = EMOJI.repeat(MAX);
    expect((await app.request(`/api/search?q=${encodeURIComponent(question)}`)).status).toBe(200);
    expect((await post("/api/search", { query: question })).status).toBe(200);
    expect((await post("/v1/embeddings", { input: question })).status).toBe(200);
    expect((await post("/api/chat", { messages: [userMessage(question)] })).status).toBe(200);
  });

  it(`refuses ${MAX + 1} characters even when trimming would shorten them`, async () => {
    const padded = `${" ".repeat(MAX)}x`;
    const response = await app.request(`/api/search?q=${encodeURIComponent(padded)}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe("q");
    expect((await post("/api/search", { query: padded })).status).toBe(400);
  });
});

describe("a blank question, as the document's pattern says it", () => {
  it("refuses JavaScript's whitespace (U+FEFF) and accepts what only Python calls space (U+001C)", async () => {
    const pattern = new RegExp(
      document.paths["/api/search"]!.get!.parameters!.find((p) => p.name === "q")!.schema.pattern!,
    );
    for (const [q, status] of [
      ["\ufeff \u3000", 400],
      ["\u001c", 200],
    ] as const) {
      expect(pattern.test(q), JSON.stringify(q)).toBe(status === 200);
      expect((await app.request(`/api/search?q=${encodeURIComponent(q)}`)).status).toBe(status);
    }
  });
});

/** On a socket because Node's HTTP parser, not the app, refuses these before any route runs. */
describe("URLs and headers beyond Node's parser limit", () => {
  let server: Awaited<ReturnType<typeof serveTiny>>;

  beforeAll(async () => {
    server = await serveTiny(tiny);
  });

  afterAll(async () => {
    await server?.close();
  });

  it("serves the longest valid GET /api/search (a URL of about 36 KB)", async () => {
    const question = "\u20ac".repeat(MAX);
    const url = `${server.url}/api/search?q=${encodeURIComponent(question)}`;
    expect(url.length).toBeGreaterThan(36_000);
    expect((await fetch(url)).status).toBe(200);
  });

  it("answers a longer one with a documented 431 in the error shape", async () => {
    expect(document.paths["/api/search"]!.get!.responses["431"]).toBeDefined();
    const response = await fetch(`${server.url}/api/search?q=${"x".repeat(70_000)}`);
    const text = await response.text();
    expect(response.status).toBe(431);
    expect(errorProblems(text, response.headers.get("content-type"))).toEqual([]);
    expect(JSON.parse(text).error.code).toBe("headers_too_large");
  });

  it("answers a request that is not HTTP with a 400 in the error shape", async () => {
    const answer = await rawExchange(server.port, "GET / HTTP/1.1\r\nHost x\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    const body = answer.slice(answer.indexOf("\r\n\r\n") + 4);
    expect(errorProblems(body, "application/json")).toEqual([]);
    expect(JSON.parse(body).error.code).toBe("malformed_http");
  });
});
