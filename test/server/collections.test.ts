import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openCollectionStore } from "../../src/collections/collection-store.ts";
import type { RecommendResponse } from "../../src/contract/collections.ts";
import {
  AddedPapersSchema,
  CollectionListSchema,
  CollectionSchema,
  CollectionSummarySchema,
} from "../../src/contract/collections.ts";
import type { PaperchatApp } from "../../src/server/app-context.ts";
import type { ApiErrorBody } from "../../src/server/errors/api-error.ts";
import { papersOf } from "../support/tiny-index.ts";
import { requestJson, tinyApp } from "./support/tiny-app.ts";
import { openTinyEngine, type TinyEngine } from "./support/tiny-server.ts";

const ARXIV_SAMPLE = resolve(import.meta.dirname, "../fixtures/arxiv-snapshot-sample.jsonl");

let tiny: TinyEngine;
let app: PaperchatApp;
let ids: string[];
let titles: Map<string, string>;
const path = (name: string, rest = "") => `/api/collections/${encodeURIComponent(name)}${rest}`;
const send = <T = ApiErrorBody>(route: string, method: string, json?: unknown) =>
  requestJson<T>(app, route, json === undefined ? { method } : { method, json });

beforeAll(async () => {
  tiny = await openTinyEngine();
  const papers = await papersOf(tiny.engine.store);
  ids = papers.map((paper) => paper.id);
  titles = new Map(papers.map((paper) => [paper.id, paper.title]));
});

describe("collections over HTTP", () => {
  beforeAll(() => {
    app = tinyApp(tiny).app;
  });

  it("creates, lists, shows, renames and deletes a collection", async () => {
    const created = await send("/api/collections", "POST", { name: "Graph recommenders" });
    expect(created.status).toBe(201);
    expect(CollectionSummarySchema.parse(created.body)).toEqual({
      name: "Graph recommenders",
      papers: 0,
    });
    expect(created.headers.get("location")).toBe("/api/collections/Graph%20recommenders");
    const added = await send(path("Graph recommenders", "/papers"), "POST", {
      ids: [ids[4], ids[33], ids[4]],
    });
    expect(AddedPapersSchema.parse(added.body)).toEqual({
      name: "Graph recommenders",
      papers: 2,
      added: 2,
    });
    const list = await send("/api/collections", "GET");
    expect(CollectionListSchema.parse(list.body).collections).toContainEqual({
      name: "Graph recommenders",
      papers: 2,
    });
    const renamed = await send(path("Graph recommenders"), "PATCH", { name: "GCN recsys" });
    expect(renamed).toMatchObject({ status: 200, body: { name: "GCN recsys", papers: 2 } });
    const shown = await send(path("GCN recsys"), "GET");
    expect(CollectionSchema.parse(shown.body)).toEqual({
      name: "GCN recsys",
      papers: [ids[4], ids[33]].map((id) => ({
        id,
        title: titles.get(id!)!,
      })),
    });
    expect((await send(path("GCN recsys"), "DELETE")).status).toBe(204);
    expect((await send(path("GCN recsys"), "GET")).body.error.code).toBe("collection_not_found");
  });

  it("takes names percent-encoded, slashes and all, and tells names apart by case", async () => {
    const name = "Reading/2024 — Émile's 😀";
    expect((await send("/api/collections", "POST", { name })).status).toBe(201);
    expect((await send(path(name), "GET")).body).toEqual({ name, papers: [] });
    expect((await send(path(name.toLowerCase()), "GET")).status).toBe(404);
    expect((await send("/api/collections", "POST", { name: name.toUpperCase() })).status).toBe(201);
  });

  it("answers a taken name with 409 and a bad one with 400, changing nothing", async () => {
    await send("/api/collections", "POST", { name: "Taken" });
    await send("/api/collections", "POST", { name: "Other" });
    const before = (await send("/api/collections", "GET")).body;
    const taken = await send("/api/collections", "POST", { name: "Taken" });
    expect(taken).toMatchObject({ status: 409, body: { error: { code: "collection_exists" } } });
    const clash = await send(path("Other"), "PATCH", { name: "Taken" });
    expect(clash).toMatchObject({ status: 409, body: { error: { code: "collection_exists" } } });
    for (const name of [
      "",
      " x",
      "x ",
      "a\u0001b",
      "tab\t",
      "line\u2028",
      ".",
      "..",
      "x".repeat(101),
      5,
    ]) {
      const refused = await send("/api/collections", "POST", { name });
      expect(refused.status, JSON.stringify(name)).toBe(400);
      expect(refused.body.error).toMatchObject({ code: "invalid_value", param: "name" });
      expect((await send(path("Other"), "PATCH", { name })).status).toBe(400);
    }
    expect((await send("/api/collections", "POST", {})).status).toBe(400);
    expect((await send(path(" padded"), "GET")).status).toBe(400);
    expect((await send("/api/collections", "GET")).body).toEqual(before);
  });

  it("adds papers all or none, and removes them one by one", async () => {
    await send("/api/collections", "POST", { name: "Mixed" });
    const unknown = await send(path("Mixed", "/papers"), "POST", {
      ids: [ids[0], "no-such-paper"],
    });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: "paper_not_found" } } });
    expect(unknown.body.error.message).toContain('"no-such-paper"');
    expect((await send(path("Mixed"), "GET")).body).toEqual({ name: "Mixed", papers: [] });
    for (const body of [{}, { ids: [] }, { id: "" }, { id: ids[0], ids: [ids[1]] }, { ids: "x" }]) {
      expect(
        (await send(path("Mixed", "/papers"), "POST", body)).status,
        JSON.stringify(body),
      ).toBe(400);
    }
    const tooMany = Array.from({ length: 1001 }, (_, i) => `id-${i}`);
    expect((await send(path("Mixed", "/papers"), "POST", { ids: tooMany })).status).toBe(400);
    const one = await send(path("Mixed", "/papers"), "POST", { id: ids[0] });
    expect(one.body).toEqual({ name: "Mixed", papers: 1, added: 1 });
    const nowhere = await send(path("Nowhere", "/papers"), "POST", { id: ids[0] });
    expect(nowhere.body.error.code).toBe("collection_not_found");
    const remove = path("Mixed", `/papers/${encodeURIComponent(ids[0]!)}`);
    expect((await send(remove, "DELETE")).status).toBe(204);
    const again = await send(remove, "DELETE");
    expect(again).toMatchObject({ status: 404, body: { error: { code: "paper_not_found" } } });
  });
});

describe("papers with '/' in their ids, and papers that left the corpus", () => {
  it("are added and removed percent-encoded, and stay listed as missing when gone", async () => {
    const collections = openCollectionStore(":memory:");
    app = tinyApp(await openTinyEngine([ARXIV_SAMPLE]), { collections }).app;
    await send("/api/collections", "POST", { name: "arXiv" });
    await send(path("arXiv", "/papers"), "POST", { ids: ["math/0501001", "0704.0001"] });
    expect((await send(path("arXiv", "/papers/math%2F0501001"), "DELETE")).status).toBe(204);
    await send(path("arXiv", "/papers"), "POST", { id: "math/0501001" });
    const diphoton = expect.stringMatching(/^Calculation of prompt diphoton/);
    const lattice = "Counting lattice paths under a moving boundary";
    expect((await send(path("arXiv"), "GET")).body).toEqual({
      name: "arXiv",
      papers: [
        { id: "0704.0001", title: diphoton },
        { id: "math/0501001", title: lattice },
      ],
    });

    // The same collections over the bundled corpus, which holds neither paper.
    app = tinyApp(tiny, { collections }).app;
    expect((await send(path("arXiv"), "GET")).body).toEqual({
      name: "arXiv",
      papers: [
        { id: "0704.0001", title: diphoton, missing: true },
        { id: "math/0501001", title: lattice, missing: true },
      ],
    });
    const recommended = await send<RecommendResponse>(path("arXiv", "/recommend"), "GET");
    expect(recommended.body.results).toEqual([]);
    const exported = await app.request(path("arXiv", "/export?format=ris"));
    expect(await exported.text()).toContain(`TI  - ${lattice}\r\n`);
  });
});
