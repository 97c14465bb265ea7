import { once } from "node:events";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/server/serve.ts";
import { resolveServerSettings } from "../../src/settings/server-settings.ts";
import { resolveSettings } from "../../src/settings/settings.ts";
import { TINY_MODEL } from "../support/tiny-index.ts";
import { type FakeLlm, startFakeLlm } from "./support/fake-llm-server.ts";
import {
  askChat,
  openTinyEngine,
  recordingLogger,
  replyText,
  serveTiny,
  type TinyEngine,
  userMessage,
} from "./support/tiny-server.ts";

// Real sockets throughout: this file tests what `serveEngine` and `startServer` add around
// the app (listening, shutdown with in-flight streams, the port, the startup line); the
// routes themselves are tested in-process in the other files.
let tiny: TinyEngine;
let llm: FakeLlm;

beforeAll(async () => {
  tiny = await openTinyEngine();
  llm = await startFakeLlm({ kind: "answer", chunks: [] });
});

afterAll(async () => {
  await llm?.close();
});

describe("close()", () => {
  it("lets an in-flight chat answer finish, then stops listening", async () => {
    llm.behaviour = {
      kind: "slow",
      chunks: ["Pyramids [1]", " help", " detection [2]."],
      delayMs: 150,
    };
    const server = await serveTiny(tiny, {
      llm: { baseURL: llm.baseURL, model: "fake-model", timeoutMs: 10_000 },
    });
    const requestsBefore = llm.requests.length;
    const answer = askChat(server.url, [userMessage("feature pyramids")]);
    while (llm.requests.length === requestsBefore)
      await new Promise((resolve) => setTimeout(resolve, 10));

    await server.close();
    const reply = await answer;
    expect(replyText(reply)).toBe("Pyramids [1] help detection [2].");
    expect(reply.metadata?.answeredBy).toBe("llm");
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });

  // Fails today (a product bug, reported, not fixed here): Node's closeIdleConnections() does
  // not count a connection that has not sent a request yet as idle, so close() waits the whole
  // grace period for it. Browsers open such connections ahead of use, and so does fetch after
  // an abort; then stopping the server takes up to 10 s. With the long grace below, the bug
  // shows as this test timing out.
  it("ends a connection that never sent a request at once, without waiting for the grace", async () => {
    const server = await serveTiny(tiny, { shutdownGraceMs: 600_000 });
    const unused = connect(server.port, "127.0.0.1");
    try {
      await once(unused, "connect");
      const ended = once(unused, "close");
      const closing = server.close();
      await ended;
      await closing;
    } finally {
      unused.destroy();
      await server.close();
    }
  });

  it("can be called twice", async () => {
    const server = await serveTiny(tiny);
    await fetch(`${server.url}/api/health`);
    await Promise.all([server.close(), server.close()]);
  });
});

describe("startServer", () => {
  let server: RunningServer;
  const logger = recordingLogger();

  beforeAll(async () => {
    const settings = resolveSettings(
      {},
      { model: TINY_MODEL, offline: true, indexDir: tiny.indexDir },
    );
    const env = {
      PORT: "0",
      PAPERCHAT_API_KEY: "k",
      PAPERCHAT_LLM_BASE_URL: llm.baseURL,
      PAPERCHAT_LLM_MODEL: "fake-model",
    };
    server = await startServer({
      settings,
      ...resolveServerSettings(env, { host: "127.0.0.1" }),
      logger,
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it("prints one startup line with the URL, corpus size, model and search mode", () => {
    const info = logger.lines.filter((line) => line.level === "info").map((line) => line.message);
    expect(info).toHaveLength(1);
    expect(info[0]).toContain(server.url);
    expect(info[0]).toContain("70 papers");
    expect(info[0]).toContain("model paperchat-tiny-bert");
    expect(info[0]).toContain("semantic search on");
    expect(info[0]).toContain("answers by fake-model");
    expect(server.port).toBeGreaterThan(0);
  });

  it("reads the API key and the chat model from the environment", async () => {
    expect((await fetch(`${server.url}/api/papers`)).status).toBe(401);
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ semantic: true, answers: "llm" });
  });

  it("says which port is taken", async () => {
    const settings = resolveSettings(
      {},
      { model: TINY_MODEL, offline: true, indexDir: tiny.indexDir },
    );
    await expect(
      startServer({
        settings,
        port: server.port,
        host: "127.0.0.1",
        logger: recordingLogger(),
      }),
    ).rejects.toThrow(`Port ${server.port} is already in use`);
  });

  it("refuses an unusable PORT with a clear message", async () => {
    const settings = resolveSettings(
      {},
      { model: TINY_MODEL, offline: true, indexDir: tiny.indexDir },
    );
    // The port is read with the other server settings, before anything starts.
    const start = async () =>
      startServer({
        settings,
        ...resolveServerSettings({ PORT: "http" }),
        logger: recordingLogger(),
      });
    await expect(start()).rejects.toThrow(/port must be a whole number/);
  });
});
