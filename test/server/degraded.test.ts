import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SearchResponse } from "../../src/contract/search-response.ts";
import { createSearchEngine } from "../../src/search/search-engine.ts";
import type { PaperchatApp } from "../../src/server/app-context.ts";
import { startServer } from "../../src/server/serve.ts";
import { resolveSettings } from "../../src/settings/settings.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import { papersOf, tempDir } from "../support/tiny-index.ts";
import { requestJson, tinyApp } from "./support/tiny-app.ts";
import {
  askChat,
  openTinyEngine,
  postJson,
  recordingLogger,
  replyText,
  type TinyEngine,
  userMessage,
} from "./support/tiny-server.ts";

let tiny: TinyEngine;

beforeAll(async () => {
  tiny = await openTinyEngine();
});

/** The degraded app, called in-process (`app.request`). */
describe("serving without the embedding model", () => {
  let app: PaperchatApp;

  beforeAll(async () => {
    const store = await openEmbeddedStore(tiny.indexDir);
    app = tinyApp(
      { ...tiny, engine: createSearchEngine({ store }) },
      { embedder: undefined, degradedReason: "Copy the model into ./models/minilm." },
    ).app;
  });

  it("reports semantic: false in /api/health", async () => {
    const health = await (await app.request("/api/health")).json();
    expect(health).toMatchObject({
      status: "ok",
      papers: 70,
      model: "paperchat-tiny-bert",
      semantic: false,
    });
  });

  it("still searches, lexically", async () => {
    const response = await app.request(
      `/api/search?q=${encodeURIComponent("reverse feature pyramid")}&k=3`,
    );
    const body = (await response.json()) as SearchResponse;
    expect(response.status).toBe(200);
    expect(body.results[0]!.title).toContain("RCNet");
  });

  it("still finds similar papers, from the stored vectors", async () => {
    const paper = (await papersOf(tiny.engine.store))[0]!;
    const response = await app.request(`/api/papers/${paper.id}/similar?k=3`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { results: unknown[] }).results).toHaveLength(3);
  });

  it("still chats, citing what it found", async () => {
    const reply = await askChat(app, [userMessage("reverse feature pyramid")]);
    expect(replyText(reply)).toContain("[1]");
  });

  it("answers /v1/embeddings with 503 saying how to provide the model", async () => {
    const { status, body } = await requestJson(app, "/v1/embeddings", {
      json: { input: "graphs" },
    });
    expect(status).toBe(503);
    expect(body.error).toEqual({
      message: "Copy the model into ./models/minilm.",
      type: "service_unavailable",
      code: "model_unavailable",
    });
  });
});

/** On a socket because `startServer` is the wiring under test: it opens, logs, then listens. */
describe("startServer when the model cannot be loaded", () => {
  it("serves the existing index lexically and logs why once", async () => {
    const logger = recordingLogger();
    const missingModel = join(tempDir(), "no-model-here");
    const settings = resolveSettings(
      {},
      { model: missingModel, offline: true, indexDir: tiny.indexDir },
    );
    const server = await startServer({ settings, port: 0, host: "127.0.0.1", logger });
    try {
      const warnings = logger.lines.filter((line) => line.level === "warn");
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.message).toContain(missingModel);
      expect(warnings[0]!.message).toContain("PAPERCHAT_MODEL");
      const startup = logger.lines.find((line) => line.level === "info")!.message;
      expect(startup).toContain("70 papers");
      expect(startup).toContain("semantic search off");
      expect(startup).toContain(server.url);

      const health = await (await fetch(`${server.url}/api/health`)).json();
      expect(health).toMatchObject({ semantic: false });
      const { status, body } = await postJson(`${server.url}/v1/embeddings`, { input: "graphs" });
      expect(status).toBe(503);
      expect(body.error.message).toContain(missingModel);
      expect(warnings[0]!.message).toContain(body.error.message);
    } finally {
      await server.close();
    }
  });
});
