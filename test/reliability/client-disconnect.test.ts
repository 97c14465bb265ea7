import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  askChat,
  openTinyEngine,
  replyText,
  serveTiny,
  type TinyEngine,
  userMessage,
} from "../server/support/tiny-server.ts";
import { papersOf } from "../support/tiny-index.ts";
import { type ServedFacts, searchProblems } from "./support/contract-shapes.ts";
import { type StallingLlm, startStallingLlm } from "./support/stalling-llm.ts";

const unhandled: unknown[] = [];
const recordUnhandled = (error: unknown) => unhandled.push(error);

let tiny: TinyEngine;
let facts: ServedFacts;

beforeAll(async () => {
  process.on("unhandledRejection", recordUnhandled);
  process.on("uncaughtException", recordUnhandled);
  tiny = await openTinyEngine();
  const papers = await papersOf(tiny.engine.store);
  facts = { abstracts: new Map(papers.map((p) => [p.id, p.abstract])), dims: tiny.embedder.dims };
});

afterAll(() => {
  process.off("unhandledRejection", recordUnhandled);
  process.off("uncaughtException", recordUnhandled);
});

const chatBody = (question: string) => JSON.stringify({ messages: [userMessage(question)] });

/** Where in the exchange a client gives up. */
type LeavePoint = "before the answer" | "after the headers" | "after the first chunk" | "midway";
const LEAVE_POINTS: LeavePoint[] = [
  "before the answer",
  "after the headers",
  "after the first chunk",
  "midway",
];

/**
 * POSTs a chat question and aborts the request at `point` (or, with `until`, once the
 * stream so far matches it).
 */
async function chatAndLeave(url: string, point: LeavePoint, until?: RegExp): Promise<void> {
  const controller = new AbortController();
  const sent = fetch(`${url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: chatBody("graph convolution for recommendation"),
    signal: controller.signal,
  });
  if (point === "before the answer") {
    controller.abort();
    await sent.catch(() => undefined);
    return;
  }
  const response = await sent;
  const reader = response.body!.getReader();
  let seen = "";
  if (point !== "after the headers") {
    const decoder = new TextDecoder();
    do {
      const { value, done } = await reader.read();
      if (done) break;
      seen += decoder.decode(value, { stream: true });
    } while (until ? !until.test(seen) : point === "midway" && seen.length < 1500);
  }
  controller.abort();
  await reader.read().catch(() => undefined);
}

/** Sends headers and the start of a body that is never finished, then drops the connection. */
function abandonUpload(port: number, path: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"messages":[{"role":"user","parts":[`,
      );
      setImmediate(() => socket.destroy());
    });
    socket.on("close", () => resolve());
    socket.on("error", () => undefined);
  });
}

async function searchWorks(url: string): Promise<void> {
  const response = await fetch(`${url}/api/search?q=graph+convolution&k=3`);
  expect(response.status).toBe(200);
  expect(searchProblems(await response.json(), facts)).toEqual([]);
}

describe("a client that leaves while the language model is still answering", () => {
  let llm: StallingLlm;
  let server: Awaited<ReturnType<typeof serveTiny>>;

  beforeAll(async () => {
    llm = await startStallingLlm();
    server = await serveTiny(tiny, {
      llm: { baseURL: llm.baseURL, model: "stalling-model", timeoutMs: 120_000 },
    });
  });

  afterAll(async () => {
    await server?.close();
    await llm?.close();
  });

  it("makes the server cancel the model call, and it keeps answering", async () => {
    for (let i = 0; i < 4; i++) {
      // Leave once the model's first words have been relayed: the model is mid-answer.
      await chatAndLeave(server.url, "after the first chunk", /text-delta.*first words/);
    }
    expect(llm.counts.started).toBe(4);
    await vi.waitFor(() => expect(llm.counts.released).toBe(llm.counts.started), {
      timeout: 20_000,
      interval: 50,
    });
    await searchWorks(server.url);
    expect(server.logger.lines.filter((line) => line.level === "error")).toEqual([]);
  });
});

describe("clients that leave an extractive answer at any point", () => {
  let server: Awaited<ReturnType<typeof serveTiny>>;

  beforeAll(async () => {
    server = await serveTiny(tiny);
  });

  afterAll(async () => {
    await server?.close();
  });

  it("leave the server answering the next chats in full", async () => {
    for (let i = 0; i < 24; i++) {
      await chatAndLeave(server.url, LEAVE_POINTS[i % LEAVE_POINTS.length]!);
    }
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        askChat(server.url, [userMessage("sparse bayesian neural networks")]),
      ),
    );
    for (const reply of replies) expect(replyText(reply)).toContain("[1]");
    expect(server.logger.lines.filter((line) => line.level === "error")).toEqual([]);
  });

  it("survive requests whose body never finishes arriving", async () => {
    for (const path of ["/api/chat", "/api/search", "/v1/embeddings"]) {
      await Promise.all(Array.from({ length: 4 }, () => abandonUpload(server.port, path)));
    }
    await searchWorks(server.url);
    expect(server.logger.lines.filter((line) => line.level === "error")).toEqual([]);
  });

  it("survive embeddings requests abandoned while they wait for their batch", async () => {
    const abandoned = Array.from({ length: 16 }, async (_, i) => {
      const controller = new AbortController();
      const sent = fetch(`${server.url}/v1/embeddings`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ input: [`question ${i}`, "graph convolution"] }),
        signal: controller.signal,
      });
      setImmediate(() => controller.abort());
      await sent.catch(() => undefined);
    });
    await Promise.all(abandoned);
    const response = await fetch(`${server.url}/v1/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: ["graph convolution", "sparse bayesian neural networks"] }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).data).toHaveLength(2);
    expect(server.logger.lines.filter((line) => line.level === "error")).toEqual([]);
  });
});

describe("after all of that", () => {
  it("nothing was left as an unhandled rejection or uncaught exception", () => {
    expect(unhandled).toEqual([]);
  });
});
