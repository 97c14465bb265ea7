import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SimilarResponse } from "../../src/contract/papers.ts";
import type { SearchResponse } from "../../src/contract/search-response.ts";
import { createApp } from "../../src/server/app.ts";
import { openTinyEngine, type TinyEngine } from "./support/tiny-server.ts";

/** Four arXiv snapshot records, two of them with old-style ids (`math/0501001`). */
const ARXIV_SAMPLE = resolve(import.meta.dirname, "../fixtures/arxiv-snapshot-sample.jsonl");
const OLD_ID = "math/0501001";

let tiny: TinyEngine;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  tiny = await openTinyEngine([ARXIV_SAMPLE]);
  app = createApp({ engine: tiny.engine, embedder: tiny.embedder });
});

async function getJson<T = Record<string, unknown>>(path: string) {
  const response = await app.request(path);
  return { status: response.status, body: (await response.json()) as T };
}

describe("arXiv ids with '/' over HTTP", () => {
  it("GET /api/papers/:id takes the id percent-encoded and returns the paper's metadata", async () => {
    const { status, body } = await getJson(`/api/papers/${encodeURIComponent(OLD_ID)}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      id: OLD_ID,
      title: "Counting lattice paths under a moving boundary",
      abstract: expect.stringMatching(/^We study lattice paths that stay below a boundary/),
      authors: ["Ada Example", "Ben Sample"],
      year: 2005,
      categories: ["math.CO", "math.PR"],
      url: "https://arxiv.org/abs/math/0501001",
      metadata: { submitter: "Ada Example", comments: "12 pages", update_date: "2007-05-23" },
    });
  });

  it("GET /api/papers/:id/similar takes it too, and returns the other ids as they are", async () => {
    const { status, body } = await getJson<SimilarResponse>(
      "/api/papers/math%2F0501001/similar?k=3",
    );
    expect(status).toBe(200);
    expect(body.paper.id).toBe(OLD_ID);
    expect(body.results.map((r) => r.id).sort()).toEqual([
      "0704.0001",
      "2401.12345",
      "hep-th/9901001",
    ]);
    const lower = await getJson<SimilarResponse>("/api/papers/hep-th%2f9901001/similar?k=1");
    expect(lower.body.paper.id).toBe("hep-th/9901001");
  });

  it("lists and finds old-style ids exactly as the corpus gives them", async () => {
    const list = await getJson<{ papers: { id: string }[] }>("/api/papers");
    expect(list.body.papers.map((p) => p.id)).toContain(OLD_ID);
    const found = await getJson<SearchResponse>("/api/search?q=lattice+paths+boundary&k=1");
    expect(found.body.results[0]?.id).toBe(OLD_ID);
  });

  it("answers an unencoded '/' with a 404 that says to percent-encode the id", async () => {
    const { status, body } = await getJson<{ error: { message: string } }>(`/api/papers/${OLD_ID}`);
    expect(status).toBe(404);
    expect(body.error.message).toMatch(/percent-encoded.*\/api\/papers\/math%2F0501001/);
    const unknown = await getJson<{ error: { code: string } }>("/api/papers/math%2F9999999");
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "paper_not_found"]);
  });

  it("describes the id parameter as percent-encoded in the OpenAPI document", async () => {
    const { body } = await getJson<{
      paths: Record<string, { get: { parameters: { name: string; description: string }[] } }>;
    }>("/openapi.json");
    for (const path of ["/api/papers/{id}", "/api/papers/{id}/similar"]) {
      const id = body.paths[path]?.get.parameters.find((p) => p.name === "id");
      expect(id).toMatchObject({ in: "path", required: true });
      expect(id?.description).toMatch(/percent-encoded.*math%2F0501001/);
    }
  });
});
