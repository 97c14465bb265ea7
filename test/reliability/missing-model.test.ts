import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import { userMessage } from "../server/support/tiny-server.ts";
import { buildTinyIndex, papersOf, tempDir } from "../support/tiny-index.ts";
import {
  chatStreamProblems,
  errorProblems,
  type ServedFacts,
  searchProblems,
  similarProblems,
} from "./support/contract-shapes.ts";
import { type PaperchatProcess, spawnPaperchat } from "./support/paperchat-process.ts";

/** A hub model that is not in the (empty) cache, with downloads forbidden. */
const MISSING_MODEL = "Xenova/all-MiniLM-L6-v2";

let server: PaperchatProcess;
let url: string;
let facts: ServedFacts;
let firstId: string;

beforeAll(async () => {
  const { indexDir } = await buildTinyIndex();
  const store = await openEmbeddedStore(indexDir);
  const papers = await papersOf(store);
  facts = {
    abstracts: new Map(papers.map((paper) => [paper.id, paper.abstract])),
    dims: store.manifest.dims,
  };
  firstId = papers[0]!.id;
  store.close();
  server = spawnPaperchat(["serve", "--port", "0", "--host", "127.0.0.1"], {
    PAPERCHAT_MODEL: MISSING_MODEL,
    PAPERCHAT_OFFLINE: "1",
    PAPERCHAT_INDEX_DIR: indexDir,
    PAPERCHAT_CACHE_DIR: tempDir("paperchat-empty-cache-"),
  });
  const serving = await server.line(/serving .* at http:\/\/\S+/);
  url = /at (http:\/\/[^\s]+)/.exec(serving)![1]!;
});

afterAll(async () => {
  server?.child.kill("SIGTERM");
  await server?.ended;
});

describe("paperchat serve with the model missing offline", () => {
  it("starts, says once that search is lexical-only and how to provide the model", async () => {
    const warning = await server.line(/embedding model could not be loaded/);
    expect(warning).toContain(MISSING_MODEL);
    expect(warning).toContain("PAPERCHAT_MODEL");
    expect(await server.line(/serving/)).toContain("semantic search off");
  });

  it("reports semantic: false in /api/health", async () => {
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toMatchObject({ status: "ok", papers: 70, semantic: false });
  });

  it("answers /v1/embeddings with a 503 saying how to fix it", async () => {
    const response = await fetch(`${url}/v1/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: "graph convolution" }),
    });
    const text = await response.text();
    expect(response.status).toBe(503);
    expect(errorProblems(text, response.headers.get("content-type"))).toEqual([]);
    const { error } = JSON.parse(text);
    expect(error).toMatchObject({ type: "service_unavailable", code: "model_unavailable" });
    expect(error.message).toContain("PAPERCHAT_MODEL");
    expect(error.message).toContain("PAPERCHAT_OFFLINE");
  });

  it("still searches, lexically, with verbatim snippets", async () => {
    const response = await fetch(
      `${url}/api/search?q=${encodeURIComponent("LightGCN graph convolution")}&k=5`,
    );
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(searchProblems(body, facts)).toEqual([]);
    expect(body.results[0].title).toMatch(/^LightGCN/);
  });

  it("still lists similar papers and chats", async () => {
    const similar = await fetch(`${url}/api/papers/${firstId}/similar?k=3`);
    expect(similar.status).toBe(200);
    expect(similarProblems(await similar.json(), facts)).toEqual([]);
    const chat = await fetch(`${url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ messages: [userMessage("LightGCN graph convolution")] }),
    });
    expect(chat.status).toBe(200);
    expect(await chatStreamProblems(await chat.text())).toEqual([]);
  });

  it("stops cleanly on SIGTERM", async () => {
    server.child.kill("SIGTERM");
    const end = await server.ended;
    expect(end.code).toBe(0);
    expect(end.stderr).not.toMatch(/^\s+at /m);
  });
});
