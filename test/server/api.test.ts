import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimilarResponse } from "../../src/contract/papers.ts";
import type { SearchResponse } from "../../src/contract/search-response.ts";
import type { PaperchatApp } from "../../src/server/app-context.ts";
import type { RunningServer } from "../../src/server/serve.ts";
import { papersOf } from "../support/tiny-index.ts";
import { requestJson, tinyApp } from "./support/tiny-app.ts";
import { APP_ORIGIN, openTinyEngine, serveTiny, type TinyEngine } from "./support/tiny-server.ts";

// The routes are called in-process with `app.request`, on an app built once for the file;
// "web app over a socket" says why its tests are not.
let tiny: TinyEngine;
let app: PaperchatApp;
let webRoot: string;
const secretOutsideWebRoot = "top secret outside the web root";

const getJson = <T>(path: string) => requestJson<T>(app, path);
const postJson = <T>(path: string, json: unknown) => requestJson<T>(app, path, { json });

/** A GET with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(server: RunningServer, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/`, { path }, (response) => {
      let body = "";
      response.on("data", (chunk) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  tiny = await openTinyEngine();
  const base = mkdtempSync(join(tmpdir(), "paperchat-web-"));
  webRoot = join(base, "dist");
  mkdirSync(join(webRoot, "assets"), { recursive: true });
  writeFileSync(join(webRoot, "index.html"), "<!doctype html><title>paperchat web</title>");
  writeFileSync(join(webRoot, "assets", "app-1234.js"), "console.log('app')");
  writeFileSync(join(base, "secret.txt"), secretOutsideWebRoot);
  symlinkSync(join(base, "secret.txt"), join(webRoot, "linked-secret.txt"));
  app = tinyApp(tiny, { webRoot }).app;
});

describe("GET /api/health", () => {
  it("reports status, corpus size, model, dims and semantic search", async () => {
    const { status, body } = await getJson<Record<string, unknown>>("/api/health");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: "ok",
      papers: 70,
      model: "paperchat-tiny-bert",
      dims: tiny.embedder.dims,
      semantic: true,
    });
  });
});

describe("search", () => {
  // Named by its method: the fixture model's vectors weigh in the fusion but know no meaning.
  const question = "sparse subspace variational inference for bayesian neural networks";

  async function expectVerbatim(response: SearchResponse) {
    for (const result of response.results) {
      const paper = (await tiny.engine.getPaper(result.id))!;
      expect(result.title).toBe(paper.title);
      expect(result.snippets.length).toBeGreaterThan(0);
      for (const snippet of result.snippets) {
        expect(paper.abstract.slice(snippet.start, snippet.end)).toBe(snippet.text);
      }
    }
    const scores = response.results.map((result) => result.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  }

  it("GET /api/search answers with k verbatim, best-first results", async () => {
    const { status, body } = await getJson<SearchResponse>(
      `/api/search?q=${encodeURIComponent(question)}&k=5`,
    );
    expect(status).toBe(200);
    expect(body.query).toBe(question);
    expect(body.results).toHaveLength(5);
    expect(body.results[0]!.title).toBe(
      "Training Bayesian Neural Networks with Sparse Subspace Variational Inference",
    );
    await expectVerbatim(body);
  });

  it("returns 10 results by default and up to 50", async () => {
    expect((await getJson<SearchResponse>("/api/search?q=graphs")).body.results).toHaveLength(10);
    expect((await getJson<SearchResponse>("/api/search?q=graphs&k=50")).body.results).toHaveLength(
      50,
    );
  });

  it("POST /api/search gives the same answer as GET", async () => {
    const posted = await postJson<SearchResponse>("/api/search", { query: question, k: 5 });
    const got = await getJson<SearchResponse>(`/api/search?q=${encodeURIComponent(question)}&k=5`);
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual(got.body);
  });

  it("takes a pasted abstract as the query", async () => {
    const paper = (await papersOf(tiny.engine.store))[0]!;
    const { body } = await postJson<SearchResponse>("/api/search", { query: paper.abstract, k: 3 });
    expect(body.results[0]!.id).toBe(paper.id);
    await expectVerbatim(body);
  });
});

describe("papers", () => {
  it("GET /api/papers pages through all papers", async () => {
    const first = await getJson<{ total: number; papers: { id: string; title: string }[] }>(
      "/api/papers?limit=30",
    );
    const rest = await getJson<{ total: number; papers: { id: string; title: string }[] }>(
      "/api/papers?offset=30&limit=100",
    );
    expect(first.body.total).toBe(70);
    expect(first.body.papers).toHaveLength(30);
    expect(rest.body.papers).toHaveLength(40);
    const ids = [...first.body.papers, ...rest.body.papers].map((paper) => paper.id);
    expect(new Set(ids).size).toBe(70);
    expect(Object.keys(first.body.papers[0]!).sort()).toEqual(["id", "title"]);
  });

  it("lists 20 papers by default", async () => {
    expect((await getJson<{ papers: unknown[] }>("/api/papers")).body.papers).toHaveLength(20);
  });

  it("GET /api/papers/:id returns the full paper", async () => {
    const paper = (await papersOf(tiny.engine.store))[3]!;
    const { status, body } = await getJson(`/api/papers/${paper.id}`);
    expect(status).toBe(200);
    expect(body).toEqual({ id: paper.id, title: paper.title, abstract: paper.abstract });
  });

  it("GET /api/papers/:id/similar never returns the paper itself", async () => {
    const paper = (await papersOf(tiny.engine.store))[5]!;
    const { status, body } = await getJson<SimilarResponse>(`/api/papers/${paper.id}/similar?k=8`);
    expect(status).toBe(200);
    expect(body.paper).toEqual({ id: paper.id, title: paper.title });
    expect(body.results).toHaveLength(8);
    expect(body.results.map((result) => result.id)).not.toContain(paper.id);
    expect(Object.keys(body.results[0]!).sort()).toEqual(["id", "score", "title"]);
    expect(
      (await getJson<SimilarResponse>(`/api/papers/${paper.id}/similar`)).body.results,
    ).toHaveLength(5);
  });

  it("answers 404 in the error shape for unknown ids", async () => {
    for (const path of ["/api/papers/no-such-paper", "/api/papers/no-such-paper/similar"]) {
      const { status, body } = await getJson<{ error: Record<string, string> }>(path);
      expect(status).toBe(404);
      expect(body.error).toMatchObject({ type: "not_found_error", code: "paper_not_found" });
      expect(body.error.message).toContain("no-such-paper");
    }
  });
});

describe("GET /v1/models", () => {
  it("lists the served model in OpenAI's shape", async () => {
    const { status, body } = await getJson("/v1/models");
    expect(status).toBe(200);
    expect(body).toEqual({
      object: "list",
      data: [
        {
          id: "paperchat-tiny-bert",
          object: "model",
          created: expect.any(Number),
          owned_by: "paperchat",
        },
      ],
    });
  });
});

describe("OpenAPI document and docs page", () => {
  it("describes every route, generated from the validating schemas", async () => {
    const { status, body } = await getJson<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>("/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    const routes = Object.entries(body.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        "GET /api/health",
        "GET /api/starters",
        "GET /api/search",
        "POST /api/search",
        "GET /api/papers",
        "GET /api/papers/{id}",
        "GET /api/papers/{id}/similar",
        "POST /api/chat",
        "POST /v1/embeddings",
        "GET /v1/models",
        "GET /api/collections",
        "POST /api/collections",
        "GET /api/collections/{name}",
        "PATCH /api/collections/{name}",
        "DELETE /api/collections/{name}",
        "POST /api/collections/{name}/papers",
        "DELETE /api/collections/{name}/papers/{id}",
        "GET /api/collections/{name}/recommend",
        "GET /api/collections/{name}/export",
        "POST /api/export",
      ].sort(),
    );
    const k = (
      body.paths["/api/search"]!.get as { parameters: { name: string; schema: unknown }[] }
    ).parameters.find((parameter) => parameter.name === "k");
    expect(k?.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 50 });
  });

  it("serves readable, self-contained HTML docs with curl examples", async () => {
    const response = await app.request("/docs");
    const page = await response.text();
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(page).toContain("POST /v1/embeddings");
    expect(page).toContain(
      `curl &#39;${APP_ORIGIN}/api/search?q=sparse+bayesian+neural+networks&#39;`,
    );
    expect(page).not.toMatch(/<script|<link[^>]+stylesheet|https?:\/\/cdn/i);
  });
});

describe("web app", () => {
  it("serves index.html at / and assets with long-lived caching", async () => {
    const index = await app.request("/");
    expect(index.headers.get("content-type")).toContain("text/html");
    expect(await index.text()).toContain("paperchat web");
    const asset = await app.request("/assets/app-1234.js");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("javascript");
    expect(asset.headers.get("cache-control")).toContain("immutable");
  });

  it("answers HEAD like GET without a body", async () => {
    const response = await app.request("/api/health", { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });

  it("says how to build the web app when it is missing", async () => {
    const bare = tinyApp(tiny, { webRoot: join(tmpdir(), "paperchat-no-such-web-root") }).app;
    const response = await bare.request("/");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("npm run build");
  });
});

/**
 * On a socket because the paths must reach the server exactly as written: `fetch` and
 * `Request` would resolve `..` and re-encode the path before the app saw it.
 */
describe("web app over a socket", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await serveTiny(tiny, { webRoot });
  });

  afterAll(async () => {
    await server?.close();
  });

  it.each([
    "/../secret.txt",
    "/assets/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E%2Fsecret.txt",
    "/..%2fsecret.txt",
    "/..%5csecret.txt",
    "/assets/%2e%2e/%2e%2e/secret.txt",
    "/%252e%252e/secret.txt",
    "/linked-secret.txt",
    "/.%2e/secret.txt",
    "/%00/../secret.txt",
    "/%E0%A4%A",
  ])("never serves files outside the web root: %s", async (path) => {
    const { status, body } = await rawGet(server, path);
    expect(body).not.toContain(secretOutsideWebRoot);
    expect([400, 404]).toContain(status);
  });
});

describe("routing errors", () => {
  it("answers unknown routes with a JSON 404", async () => {
    for (const path of ["/api/nope", "/v1/nope", "/nope.html"]) {
      const { status, body } = await getJson<{ error: Record<string, string> }>(path);
      expect(status).toBe(404);
      expect(body.error).toMatchObject({ type: "not_found_error", code: "route_not_found" });
    }
  });

  it("answers a wrong method with 405 and the allowed methods", async () => {
    const response = await app.request("/v1/embeddings");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(await response.json()).toMatchObject({ error: { code: "method_not_allowed" } });
  });

  it("tags every response with a request id", async () => {
    const response = await app.request("/api/health");
    expect(response.headers.get("x-request-id")).toMatch(/^[\w-]+$/);
  });
});

describe("unexpected errors", () => {
  it("answer 500 with a request id, log the stack, and leak nothing", async () => {
    const failing = {
      ...tiny.engine,
      searchPapers: async () => {
        throw new Error("disk on fire at /srv/secret/path");
      },
    };
    const broken = tinyApp({ ...tiny, engine: failing });
    const response = await broken.app.request("/api/search?q=graphs");
    const body = (await response.json()) as { error: Record<string, string> };
    const requestId = response.headers.get("x-request-id")!;
    expect(response.status).toBe(500);
    expect(body.error).toMatchObject({ type: "server_error", code: "internal_error" });
    expect(body.error.message).toContain(requestId);
    expect(JSON.stringify(body)).not.toMatch(/fire|secret|at .*\.ts/);
    const logged = broken.logger.lines.filter((line) => line.level === "error");
    expect(logged).toHaveLength(1);
    expect(logged[0]!.message).toContain(requestId);
    expect(logged[0]!.message).toContain("disk on fire");

    const chat = await broken.app.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        messages: [{ id: "u", role: "user", parts: [{ type: "text", text: "graphs" }] }],
      }),
    });
    // The chat retrieves before its stream starts: a failure is the same JSON 500.
    const chatBody = await chat.text();
    const chatId = chat.headers.get("x-request-id")!;
    expect(chat.status).toBe(500);
    expect(JSON.parse(chatBody).error).toMatchObject({ code: "internal_error" });
    expect(chatBody).toContain(chatId);
    expect(chatBody).not.toMatch(/fire|secret/);
  });
});
