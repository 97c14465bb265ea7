import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  askChat,
  openTinyEngine,
  postJson,
  replyText,
  serveTiny,
  type TinyEngine,
  userMessage,
} from "../server/support/tiny-server.ts";
import { papersOf } from "../support/tiny-index.ts";
import {
  embeddingsProblems,
  type ServedFacts,
  searchProblems,
  similarProblems,
} from "./support/contract-shapes.ts";
import { settledHeapUsed } from "./support/settled-heap.ts";

const CLIENTS = 16;
const REQUESTS_PER_CLIENT = 10;
/** Heap growth from one round to the next that still counts as no growth (GC noise, JIT). */
const HEAP_MARGIN_BYTES = 3 * 1024 * 1024;

let tiny: TinyEngine;
let server: Awaited<ReturnType<typeof serveTiny>>;
let facts: ServedFacts;
let questions: string[];
let ids: string[];

beforeAll(async () => {
  tiny = await openTinyEngine();
  server = await serveTiny(tiny);
  const papers = await papersOf(tiny.engine.store);
  facts = { abstracts: new Map(papers.map((p) => [p.id, p.abstract])), dims: tiny.embedder.dims };
  // Questions from the corpus's own words: each title's first half, so every search finds something.
  questions = papers.map((p) => p.title.split(" ").slice(0, 4).join(" "));
  ids = papers.map((p) => p.id);
});

afterAll(async () => {
  await server?.close();
});

/** One request of the mix; resolves to what was wrong with its answer (nothing, normally). */
type Call = (n: number) => Promise<string[]>;

const MIX: Record<string, Call> = {
  "GET /api/search": async (n) => {
    const q = encodeURIComponent(questions[n % questions.length]!);
    const response = await fetch(`${server.url}/api/search?q=${q}&k=${1 + (n % 10)}`);
    if (response.status !== 200) return [`status ${response.status}`];
    return searchProblems(await response.json(), facts);
  },
  "POST /api/search": async (n) => {
    const { status, body } = await postJson<unknown>(`${server.url}/api/search`, {
      query: questions[(n * 7) % questions.length],
      k: 5,
    });
    return status === 200 ? searchProblems(body, facts) : [`status ${status}`];
  },
  "GET /api/papers/:id/similar": async (n) => {
    const response = await fetch(`${server.url}/api/papers/${ids[n % ids.length]}/similar?k=5`);
    if (response.status !== 200) return [`status ${response.status}`];
    const body = await response.json();
    const problems = similarProblems(body, facts);
    return body.results?.length === 5 ? problems : [...problems, "not 5 results"];
  },
  "POST /api/chat": async (n) => {
    const reply = await askChat(server.url, [userMessage(questions[(n * 3) % questions.length]!)]);
    const sources = reply.parts.filter((part) => part.type === "source-document");
    const problems: string[] = [];
    if (sources.length === 0) problems.push("no sources");
    if (!replyText(reply).includes("[1]"))
      problems.push(`answer cites nothing: ${replyText(reply)}`);
    return problems;
  },
  "POST /v1/embeddings": async (n) => {
    const input = n % 2 ? questions[n % questions.length]! : questions.slice(n % 50, (n % 50) + 3);
    const { status, body } = await postJson<unknown>(`${server.url}/v1/embeddings`, { input });
    if (status !== 200) return [`status ${status}`];
    return embeddingsProblems(body, typeof input === "string" ? 1 : input.length, facts);
  },
};
const CALLS = Object.entries(MIX);

/** 16 clients at once, each sending its share of the mix one request after another. */
async function round(): Promise<{ requests: number; failures: string[] }> {
  const failures: string[] = [];
  let requests = 0;
  const client = async (c: number) => {
    for (let r = 0; r < REQUESTS_PER_CLIENT; r++) {
      const n = c * REQUESTS_PER_CLIENT + r;
      const [name, call] = CALLS[n % CALLS.length]!;
      requests++;
      try {
        for (const problem of await call(n)) failures.push(`${name} #${n}: ${problem}`);
      } catch (error) {
        failures.push(`${name} #${n}: ${error}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  return { requests, failures };
}

describe(`${CLIENTS} concurrent clients over search, similar, chat and embeddings`, () => {
  it("answer every request well-formed, with no server error, and the heap does not grow round over round", async () => {
    // A first round warms up what is built once (JIT, tokenizer caches, connection pools).
    const warmUp = await round();
    expect(warmUp.failures).toEqual([]);
    const heaps = [await settledHeapUsed()];
    for (let i = 0; i < 2; i++) {
      const { requests, failures } = await round();
      expect(failures).toEqual([]);
      expect(requests).toBe(CLIENTS * REQUESTS_PER_CLIENT);
      heaps.push(await settledHeapUsed());
    }
    const growth = heaps.slice(1).map((heap, i) => heap - heaps[i]!);
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
    const report = `heap after warm-up, round 1, round 2: ${heaps.map(mb).join(", ")}`;
    for (const bytes of growth) expect(bytes, report).toBeLessThan(HEAP_MARGIN_BYTES);
    expect(server.logger.lines.filter((line) => line.level !== "info")).toEqual([]);
  });

  it("still answers a single request right away afterwards", async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(await response.json()).toMatchObject({ status: "ok", papers: 70, semantic: true });
  });
});
