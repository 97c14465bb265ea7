import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/server/limits.ts";
import { openTinyEngine, serveTiny, type TinyEngine } from "../server/support/tiny-server.ts";
import { papersOf } from "../support/tiny-index.ts";
import { searchProblems } from "./support/contract-shapes.ts";
import { type JudgedServer, replyProblems, routedPath } from "./support/judge-reply.ts";
import { malformedRequest } from "./support/malformed-requests.ts";
import { rawHttpClient } from "./support/raw-http.ts";
import { fuzzSeed, seededRandom } from "./support/seeded-random.ts";
import { createWebRoot } from "./support/web-root.ts";

/** Replay a failure with PAPERCHAT_FUZZ_SEED=<seed printed in the failure>. */
const SEED = fuzzSeed(process.env, 0x5eed_2025);
const REQUESTS = 2_000;
const CONCURRENCY = 8;

let tiny: TinyEngine;
let server: Awaited<ReturnType<typeof serveTiny>>;
let judged: JudgedServer;

beforeAll(async () => {
  tiny = await openTinyEngine();
  const web = createWebRoot();
  server = await serveTiny(tiny, { webRoot: web.root });
  judged = {
    abstracts: new Map(
      (await papersOf(tiny.engine.store)).map((paper) => [paper.id, paper.abstract]),
    ),
    dims: tiny.embedder.dims,
    webFiles: web.files,
  };
});

afterAll(async () => {
  await server?.close();
});

/** Describes a request for a failure message, short enough to read. */
function describeRequest(i: number, request: ReturnType<typeof malformedRequest>): string {
  const body = Buffer.from(request.body ?? []).toString("utf8");
  return `#${i} ${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers)} ${JSON.stringify(body.slice(0, 200))}`;
}

describe(`fuzzing every route with malformed requests (seed ${SEED})`, () => {
  it(`answers ${REQUESTS} of them with a 4xx or a correct 2xx, never a 5xx`, async () => {
    const client = rawHttpClient(server.port, { sockets: CONCURRENCY });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const answered = new Set<string>();
    let next = 0;
    const worker = async () => {
      while (next < REQUESTS) {
        const i = next++;
        // One generator per request: a failure replays alone from the seed and its number.
        const request = malformedRequest(seededRandom(SEED + i), {
          ids: [...judged.abstracts.keys()],
          maxBodyBytes: DEFAULT_LIMITS.maxBodyBytes,
        });
        const reply = await client.send(request);
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        if (reply.status >= 200 && reply.status < 300) {
          answered.add(`${request.method} ${routedPath(request.path)}`);
        }
        const problems = await replyProblems(request, reply, judged);
        if (problems.length > 0) {
          failures.push(`${describeRequest(i, request)}\n  → ${problems.join("; ")}`);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    } finally {
      client.close();
    }
    const summary = `seed ${SEED} (replay: PAPERCHAT_FUZZ_SEED=${SEED}); statuses ${JSON.stringify(Object.fromEntries(statuses))}`;
    expect(failures.slice(0, 20), `${failures.length} bad answers, ${summary}`).toEqual([]);
    // The fuzzer reaches the code behind validation on every route, not only the validators.
    const clientErrors = [...statuses].filter(([status]) => status >= 400 && status < 500);
    expect(
      clientErrors.reduce((sum, [, n]) => sum + n, 0),
      summary,
    ).toBeGreaterThan(REQUESTS / 4);
    expect([...answered], summary).toEqual(
      expect.arrayContaining([
        "GET /api/search",
        "POST /api/search",
        "GET /api/papers",
        "POST /api/chat",
        "POST /v1/embeddings",
        "GET /v1/models",
        "GET /api/collections",
        "POST /api/collections",
        "POST /api/export",
      ]),
    );
  });

  it("answers a normal request afterwards, and logged no server error", async () => {
    const response = await fetch(`${server.url}/api/search?q=graph+convolution&k=3`);
    expect(response.status).toBe(200);
    expect(searchProblems(await response.json(), judged)).toEqual([]);
    const errors = server.logger.lines.filter((line) => line.level === "error");
    expect(errors.map((line) => line.message.split("\n")[0])).toEqual([]);
  });
});

describe("words that are also names of JavaScript object properties", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"])(
    "searching for %s answers 200 with a well-formed result",
    async (word) => {
      for (const question of [word, `the ${word} of graph neural networks`]) {
        const response = await fetch(
          `${server.url}/api/search?q=${encodeURIComponent(question)}&k=3`,
        );
        const body = await response.json();
        expect(response.status, JSON.stringify(body)).toBe(200);
        expect(searchProblems(body, judged)).toEqual([]);
      }
    },
  );
});
