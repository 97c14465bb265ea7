import { parse } from "@retorquere/bibtex-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { RecommendResponseSchema } from "../../src/contract/collections.ts";
import type { PaperchatApp } from "../../src/server/app-context.ts";
import { writeArxivCorpus } from "../support/arxiv-corpus.ts";
import { papersOf, tempDir } from "../support/tiny-index.ts";
import { requestJson, tinyApp } from "./support/tiny-app.ts";
import { openTinyEngine, type TinyEngine } from "./support/tiny-server.ts";

let tiny: TinyEngine;
let app: PaperchatApp;
let ids: string[];
let abstracts: Map<string, string>;

const post = (path: string, json: unknown) => requestJson(app, path, { json });

beforeAll(async () => {
  const { file } = await writeArxivCorpus(tempDir());
  tiny = await openTinyEngine([file]);
  app = tinyApp(tiny).app;
  const papers = await papersOf(tiny.engine.store);
  ids = papers.map((paper) => paper.id);
  abstracts = new Map(papers.map((paper) => [paper.id, paper.abstract]));
  await post("/api/collections", { name: "Five" });
  await post("/api/collections/Five/papers", { ids: ids.slice(0, 5) });
  await post("/api/collections", { name: "Empty" });
});

describe("GET /api/collections/:name/recommend", () => {
  it("recommends papers in the search result shape with `near`, never the collection's own", async () => {
    const { status, body } = await requestJson(app, "/api/collections/Five/recommend?k=7");
    expect(status).toBe(200);
    const response = RecommendResponseSchema.parse(body);
    expect(response.ranking).toBe("classifier");
    expect(response.results).toHaveLength(7);
    for (const result of response.results) {
      expect(ids.slice(0, 5)).not.toContain(result.id);
      for (const near of result.near) expect(ids.slice(0, 5)).toContain(near);
      for (const snippet of result.snippets) {
        expect(abstracts.get(result.id)!.slice(snippet.start, snippet.end)).toBe(snippet.text);
      }
      expect(result).toMatchObject({ year: expect.any(Number), url: expect.any(String) });
    }
  });

  it("keeps to the filters, and checks them", async () => {
    const { body } = await requestJson<{ results: { year: number; categories: string[] }[] }>(
      app,
      "/api/collections/Five/recommend?k=5&year_from=2016&year_to=2017&category=cs.IR",
    );
    expect(body.results.length).toBeGreaterThan(0);
    for (const result of body.results) {
      expect(result.year).toBeGreaterThanOrEqual(2016);
      expect(result.year).toBeLessThanOrEqual(2017);
      expect(result.categories).toContain("cs.IR");
    }
    for (const query of ["k=0", "k=51", "k=x", "year_from=20x", "category="]) {
      const refused = await requestJson(app, `/api/collections/Five/recommend?${query}`);
      expect(refused.status, query).toBe(400);
    }
  });

  it("answers an empty collection with no results, and an unknown one with 404", async () => {
    const empty = await requestJson(app, "/api/collections/Empty/recommend");
    expect(empty).toMatchObject({ status: 200, body: { results: [] } });
    const unknown = await requestJson(app, "/api/collections/Nope/recommend");
    expect(unknown).toMatchObject({
      status: 404,
      body: { error: { code: "collection_not_found" } },
    });
  });
});

describe("exports", () => {
  it("serves a collection in each format, as an attachment named after it", async () => {
    await post("/api/collections", { name: "Lectures d'été/2024" });
    await post(`/api/collections/${encodeURIComponent("Lectures d'été/2024")}/papers`, {
      ids: ids.slice(0, 3),
    });
    const base = `/api/collections/${encodeURIComponent("Lectures d'été/2024")}/export`;
    const expected = {
      bibtex: ["application/x-bibtex; charset=utf-8", "bib"],
      ris: ["application/x-research-info-systems; charset=utf-8", "ris"],
      "csl-json": ["application/vnd.citationstyles.csl+json; charset=utf-8", "json"],
    } as const;
    for (const [format, [type, extension]] of Object.entries(expected)) {
      const response = await app.request(`${base}?format=${format}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(type);
      expect(response.headers.get("content-disposition")).toBe(
        `attachment; filename="Lectures d'_t__2024.${extension}"; filename*=UTF-8''Lectures%20d%27%C3%A9t%C3%A9_2024.${extension}`,
      );
      const text = await response.text();
      if (format === "csl-json") expect(JSON.parse(text)).toHaveLength(3);
      if (format === "ris") expect(text.match(/^TY {2}- /gm)).toHaveLength(3);
    }
    const bibtex = parse(await (await app.request(base)).text());
    expect(bibtex.errors).toEqual([]);
    expect(bibtex.entries.map((entry) => entry.fields.eprint)).toEqual(ids.slice(0, 3));
  });

  it("exports papers by id with POST /api/export, refusing unknown ids and formats", async () => {
    const response = await app.request("/api/export?format=ris", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ids: [ids[9], ids[8]] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain('filename="papers.ris"');
    expect((await response.text()).match(/^ID {2}- .*$/gm)).toHaveLength(2);
    const unknown = await post("/api/export", { ids: [ids[0], "missing/0000001"] });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: "paper_not_found" } } });
    expect((await post("/api/export?format=docx", { ids: [ids[0]] })).status).toBe(400);
    expect((await post("/api/export", { ids: [] })).status).toBe(400);
    const unknownCollection = await requestJson(app, "/api/collections/Nope/export");
    expect(unknownCollection.status).toBe(404);
  });
});
