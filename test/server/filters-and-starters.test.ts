import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SimilarResponse } from "../../src/contract/papers.ts";
import type { SearchResponse } from "../../src/contract/search-response.ts";
import type { StartersResponse } from "../../src/contract/starters.ts";
import { createApp } from "../../src/server/app.ts";
import { FIRST_YEAR, writeArxivCorpus, YEAR_SPAN } from "../support/arxiv-corpus.ts";
import { tempDir } from "../support/tiny-index.ts";
import {
  type ErrorBody,
  openTinyEngine,
  type TinyEngine,
  userMessage,
} from "./support/tiny-server.ts";

const ARXIV_SAMPLE = resolve(import.meta.dirname, "../fixtures/arxiv-snapshot-sample.jsonl");

type App = ReturnType<typeof createApp>;
let bundled: App;
let arxiv: App;
let sample: App;
let arxivTiny: TinyEngine;

const appOf = (tiny: TinyEngine) => createApp({ engine: tiny.engine, embedder: tiny.embedder });

async function get<T>(app: App, path: string): Promise<{ status: number; body: T }> {
  const response = await app.request(path);
  return { status: response.status, body: (await response.json()) as T };
}

async function post<T>(
  app: App,
  path: string,
  body: unknown,
): Promise<{ status: number; body: T }> {
  const response = await app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text.startsWith("{") ? JSON.parse(text) : text) as T };
}

beforeAll(async () => {
  const { file } = await writeArxivCorpus(tempDir());
  const [b, a, s] = await Promise.all([
    openTinyEngine(),
    openTinyEngine([file]),
    openTinyEngine([ARXIV_SAMPLE]),
  ]);
  arxivTiny = a;
  [bundled, arxiv, sample] = [appOf(b), appOf(a), appOf(s)];
});

describe("GET /api/starters", () => {
  async function startersOf(app: App): Promise<StartersResponse> {
    const { status, body } = await get<StartersResponse>(app, "/api/starters");
    expect(status).toBe(200);
    return body;
  }

  it("offers questions about papers of the served corpus that search ranks in its top 3", async () => {
    // Of the sample's four titles, two ask well ("Counting lattice paths …" starts with an -ing
    // verb, "Calculation of prompt diphoton …" is too long a topic); no paper is asked about badly.
    for (const [app, least] of [
      [bundled, 4],
      [arxiv, 4],
      [sample, 2],
    ] as const) {
      const { starters } = await startersOf(app);
      expect(starters.length).toBeGreaterThanOrEqual(least);
      expect(new Set(starters.map((s) => s.paperId)).size).toBe(starters.length);
      for (const { question, paperId } of starters) {
        expect(question).toMatch(/^[A-Z].+\?$/);
        const { body } = await get<SearchResponse>(
          app,
          `/api/search?q=${encodeURIComponent(question)}&k=3`,
        );
        expect(body.results.map((r) => r.id)).toContain(paperId);
      }
    }
  });

  it("gives each corpus its own starters, the same ones on every request", async () => {
    const [ofBundled, ofArxiv, ofSample] = await Promise.all([
      startersOf(bundled),
      startersOf(arxiv),
      startersOf(sample),
    ]);
    const questions = (r: StartersResponse) => r.starters.map((s) => s.question);
    expect(questions(ofArxiv)).not.toEqual(questions(ofBundled));
    expect(questions(ofSample)).toContain("What are strings on a circle?");
    expect(await startersOf(arxiv)).toEqual(ofArxiv);
  });

  it("lists facets only where the corpus has years and categories", async () => {
    expect((await startersOf(bundled)).facets).toEqual({});
    const { facets } = await startersOf(arxiv);
    expect(facets.years).toEqual({ min: FIRST_YEAR, max: FIRST_YEAR + YEAR_SPAN - 1 });
    expect(facets.categories?.map((c) => c.name).sort()).toEqual([
      "cs.CL",
      "cs.CV",
      "cs.IR",
      "cs.LG",
      "stat.ML",
    ]);
    expect((await startersOf(sample)).facets.years).toEqual({ min: 2005, max: 2024 });
  });
});

describe("filters over HTTP", () => {
  const question = "graph convolution for recommendation";
  const inRange = (r: { year?: number }, from: number, to: number) =>
    r.year !== undefined && r.year >= from && r.year <= to;

  it("GET /api/search keeps papers of the year range and any of the repeated categories", async () => {
    const { status, body } = await get<SearchResponse>(
      arxiv,
      `/api/search?q=${encodeURIComponent(question)}&k=10&year_from=2017&year_to=2019&category=cs.IR&category=cs.CV`,
    );
    expect(status).toBe(200);
    expect(body.results.length).toBeGreaterThan(0);
    for (const result of body.results) {
      expect(inRange(result, 2017, 2019)).toBe(true);
      expect(result.categories!.some((c) => c === "cs.IR" || c === "cs.CV")).toBe(true);
      expect(result.url).toMatch(/^https:\/\/arxiv\.org\/abs\//);
      expect(result.authors!.length).toBeGreaterThan(0);
    }
    const unfiltered = await get<SearchResponse>(
      arxiv,
      `/api/search?q=${encodeURIComponent(question)}&k=10`,
    );
    expect(unfiltered.body.results.some((r) => !inRange(r, 2017, 2019))).toBe(true);
  });

  it("POST /api/search takes one category or a list", async () => {
    for (const category of ["stat.ML", ["stat.ML"]]) {
      const { status, body } = await post<SearchResponse>(arxiv, "/api/search", {
        query: question,
        year_to: 2018,
        category,
      });
      expect(status).toBe(200);
      expect(body.results.length).toBeGreaterThan(0);
      for (const r of body.results) {
        expect(r.categories).toContain("stat.ML");
        expect(r.year).toBeLessThanOrEqual(2018);
      }
    }
  });

  it("GET /api/papers/:id/similar filters the neighbours", async () => {
    const id = (await arxivTiny.engine.store.list(0, 1))[0]!.id;
    const { status, body } = await get<SimilarResponse>(
      arxiv,
      `/api/papers/${encodeURIComponent(id)}/similar?k=5&category=cs.LG&year_from=2019`,
    );
    expect(status).toBe(200);
    expect(body.results.length).toBeGreaterThan(0);
    for (const r of body.results) {
      expect(r.categories).toContain("cs.LG");
      expect(r.year).toBeGreaterThanOrEqual(2019);
    }
  });

  it("POST /api/chat takes the filter beside messages and cites only passing papers", async () => {
    const { status, body } = await post<string>(arxiv, "/api/chat", {
      messages: [userMessage(question)],
      year_from: 2020,
      category: ["cs.IR", "cs.LG"],
    });
    expect(status).toBe(200);
    const sourcesLine = body.split("\n").find((line) => line.includes('"type":"data-sources"'))!;
    const { results } = JSON.parse(sourcesLine.replace(/^data: /, "")).data as SearchResponse;
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.year).toBeGreaterThanOrEqual(2020);
      expect(r.categories!.some((c) => c === "cs.IR" || c === "cs.LG")).toBe(true);
    }
  });

  it("reads a reversed year range the right way round, on every route that filters", async () => {
    const question = encodeURIComponent("graph convolution for recommendation");
    const ordered = await get<SearchResponse>(
      arxiv,
      `/api/search?q=${question}&year_from=2019&year_to=2021`,
    );
    const reversed = await get<SearchResponse>(
      arxiv,
      `/api/search?q=${question}&year_from=2021&year_to=2019`,
    );
    expect(reversed.status).toBe(200);
    expect(reversed.body.results.length).toBeGreaterThan(0);
    expect(reversed.body).toEqual(ordered.body);
    const body = { query: "graph convolution", year_from: 2021, year_to: 2019 };
    const posted = await post<SearchResponse>(arxiv, "/api/search", body);
    for (const r of posted.body.results) {
      expect(r.year).toBeGreaterThanOrEqual(2019);
      expect(r.year).toBeLessThanOrEqual(2021);
    }
  });

  it.each([
    [
      "/api/search?q=x&year_from=20x",
      /Query parameter "year_from" must be a whole number from 1000 to 2999/,
    ],
    ["/api/search?q=x&category=", /"category" must be a category name such as cs\.LG/],
    ["/api/papers/x/similar?year_to=99999", /"year_to" must be a whole number/],
  ])("GET %s is a 400 that says what is wrong", async (path, message) => {
    const { status, body } = await get<ErrorBody>(arxiv, path);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(message);
  });

  it.each([
    ["/api/search", { query: "x", year_from: "2019" }, /"year_from" must be a number/],
    [
      "/api/search",
      { query: "x", category: ["cs.LG", "a b"] },
      /"category\[1\]" must be a category name/,
    ],
    ["/api/search", { query: "x", category: Array(21).fill("cs.LG") }, /at most 20 categories/],
  ])("POST %s %j is a 400 that says what is wrong", async (path, body, message) => {
    const response = await post<ErrorBody>(arxiv, path, body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
  });

  it("documents the filters and /api/starters in the OpenAPI schema", async () => {
    const { body } = await get<{
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    }>(bundled, "/openapi.json");
    expect(body.paths["/api/starters"]?.get).toBeDefined();
    for (const path of ["/api/search", "/api/papers/{id}/similar"]) {
      const names = body.paths[path]!.get!.parameters!.map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining(["year_from", "year_to", "category"]));
    }
  });
});
