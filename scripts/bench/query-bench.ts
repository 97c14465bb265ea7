import { spawn } from "node:child_process";
import { join } from "node:path";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import type { BenchContext, BenchSection } from "./bench-section.ts";
import { bundledIndexArgs, bundledIndexDir } from "./bundled-index.ts";
import { absoluteFigure, comparedFigure, formatNumber } from "./figure.ts";
import { inBatchesOf } from "./in-batches-of.ts";
import {
  combineLoadResults,
  errorCount,
  type LoadRequest,
  type LoadTestResult,
  runLoadTest,
} from "./load-test.ts";
import { questionPool } from "./question-pool.ts";
import { type ServerProcess, startHttpProcess, startServerProcess } from "./server-process.ts";
import { type SampleSummary, summarize } from "./stats.ts";

/** The target: p50 at concurrency 1 within this multiple of the bare question embed. */
const TARGET_RATIO = 1.2;
const K = 10;
/** Requests (and bare embeds) that only warm things up, not counted. */
const WARM_UP = 20;
/**
 * Concurrency 1 alternates between bare embeds and server requests in this many blocks, so
 * that both see the same moments of the machine (other work on it comes and goes).
 */
const BLOCKS = 16;

/** The cheapest route, asked this often: the HTTP stack's own round trip. */
const healthRequests: LoadRequest[] = Array.from({ length: 200 }, () => ({
  method: "GET",
  path: "/api/health",
}));

/**
 * A plain `node:http` server answering every request after keeping its thread busy for
 * `waitMs`, with a body of `bodyBytes` (see `http-floor-process.mjs`).
 */
function startHttpFloor(repoRoot: string, waitMs: number, bodyBytes: number) {
  const script = join(repoRoot, "scripts/bench/http-floor-process.mjs");
  return startHttpProcess({
    name: "the HTTP floor server",
    spawn: (port) =>
      spawn(process.execPath, [script, String(port), String(waitMs), String(bodyBytes)], {
        stdio: ["ignore", "pipe", "pipe"],
      }),
    readyPath: "/",
  });
}

/**
 * The search engine `paperchat serve` opens, behind plain `node:http` with no web stack; with
 * `bodyBytes`, only its model's pass on the question, answered with a body of that size (see
 * `engine-only-process.ts`).
 */
function startEngineOnly(context: BenchContext, bodyBytes?: number) {
  const script = join(context.repoRoot, "scripts/bench/engine-only-process.ts");
  const modeArgs = bodyBytes === undefined ? [] : [String(bodyBytes)];
  return startHttpProcess({
    name: bodyBytes === undefined ? "the engine-only server" : "the embed-only server",
    spawn: (port) =>
      spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          script,
          String(port),
          bundledIndexDir(context),
          context.modelDir,
          ...modeArgs,
        ],
        { cwd: context.repoRoot, stdio: ["ignore", "pipe", "pipe"] },
      ),
    readyPath: "/api/search?q=ready",
  });
}

const searchRequest = (question: string): LoadRequest => ({
  method: "GET",
  path: `/api/search?q=${encodeURIComponent(question)}&k=${K}`,
});

/** A 2xx search answer that has results, each with snippets. */
function isSearchAnswer(body: string): boolean {
  try {
    const { results } = JSON.parse(body) as { results?: Array<{ snippets?: unknown[] }> };
    return (
      Array.isArray(results) &&
      results.length > 0 &&
      results.every((r) => Array.isArray(r.snippets))
    );
  } catch {
    return false;
  }
}

const ms = (value: number) => `${formatNumber(value)} ms`;

function latencyJson(summary: SampleSummary, seconds: number) {
  return {
    requests: summary.count,
    p50_ms: summary.p50,
    p95_ms: summary.p95,
    p99_ms: summary.p99,
    mean_ms: summary.mean,
    max_ms: summary.max,
    requests_per_s: summary.count / seconds,
  };
}

/**
 * Query latency: `GET /api/search` on a spawned `paperchat serve` at concurrency 1 and 16
 * (autocannon), every request a different question, against the bare cost of embedding each
 * question with the project's embedder in this process.
 *
 * @example
 * const section = await runQueryBench(context);
 */
export async function runQueryBench(context: BenchContext): Promise<BenchSection> {
  const { log } = context;
  const pool = await questionPool(context.repoRoot);
  const warmUp = pool.questions.slice(-WARM_UP);
  const measured = pool.questions.slice(0, -WARM_UP);
  const c1Questions = measured.filter((_, i) => i % 2 === 0);
  const c16Questions = measured.filter((_, i) => i % 2 === 1);

  const args = await bundledIndexArgs(context);
  const embedder = await loadEmbedder({
    model: context.modelDir,
    offline: true,
    cacheDir: join(context.workDir, "model-cache"),
  });
  const timeEmbed = async (question: string) => {
    const started = performance.now();
    await embedder.embed([question]);
    return performance.now() - started;
  };
  log("query: starting paperchat serve");
  const server = await startServerProcess(context.repoRoot, {
    command: "serve",
    args,
    readyPath: "/api/health",
  });
  const helpers: ServerProcess[] = [];
  try {
    for (const question of warmUp) await timeEmbed(question);
    const warmAnswers = await runLoadTest({
      url: server.url,
      connections: 1,
      requests: warmUp.map(searchRequest),
    });
    log("query: starting its search engine, and its model alone, behind plain node:http");
    const engineOnly = await startEngineOnly(context);
    helpers.push(engineOnly);
    const embedOnly = await startEngineOnly(context, summarize(warmAnswers.responseBytes).p50);
    helpers.push(embedOnly);
    for (const url of [engineOnly.url, embedOnly.url]) {
      await runLoadTest({ url, connections: 1, requests: warmUp.map(searchRequest) });
    }
    log(
      `query: concurrency 1, ${c1Questions.length} questions, alternating bare embeds, paperchat serve, the engine alone and its model alone`,
    );
    const embedMs: number[] = [];
    const c1Blocks: LoadTestResult[] = [];
    const engineOnlyBlocks: LoadTestResult[] = [];
    const embedOnlyBlocks: LoadTestResult[] = [];
    const toServe = { url: server.url, blocks: c1Blocks, verifyBody: isSearchAnswer };
    const toEngine = {
      url: engineOnly.url,
      blocks: engineOnlyBlocks,
      verifyBody: isSearchAnswer,
    };
    const toModel = { url: embedOnly.url, blocks: embedOnlyBlocks, verifyBody: undefined };
    const questionBlocks = inBatchesOf(c1Questions, Math.ceil(c1Questions.length / BLOCKS));
    for (const [index, block] of questionBlocks.entries()) {
      for (const question of block) embedMs.push(await timeEmbed(question));
      // paperchat serve right after the bare embeds, as in every earlier round: when the three
      // took turns going first, it measured higher (the README's query section has every run),
      // so the order is part of the headline's conditions. The two others take turns after it;
      // the web stack's share (serve against the engine alone) may be low.
      const order = index % 2 === 0 ? [toServe, toEngine, toModel] : [toServe, toModel, toEngine];
      for (const { url, blocks, verifyBody } of order) {
        blocks.push(
          await runLoadTest({
            url,
            connections: 1,
            requests: block.map(searchRequest),
            verifyBody,
          }),
        );
      }
    }
    await Promise.all(helpers.map((helper) => helper.stop()));
    const c1 = combineLoadResults(c1Blocks);
    const floor = summarize(
      (await runLoadTest({ url: server.url, connections: 1, requests: healthRequests }))
        .latenciesMs,
    );
    const embed = summarize(embedMs);
    const answerBytes = summarize(c1.responseBytes).p50;
    log(`query: the HTTP floor, a plain node:http server busy ${ms(embed.p50)} per request`);
    const httpFloor = await startHttpFloor(context.repoRoot, embed.p50, answerBytes);
    const floorRun = await runLoadTest({
      url: httpFloor.url,
      connections: 1,
      requests: c1Questions.map(searchRequest),
    }).finally(() => httpFloor.stop());
    const waitFloor = summarize(floorRun.latenciesMs);
    log(`query: concurrency 16, ${c16Questions.length} questions`);
    const c16 = await runLoadTest({
      url: server.url,
      connections: 16,
      requests: c16Questions.map(searchRequest),
      verifyBody: isSearchAnswer,
    });
    const one = summarize(c1.latenciesMs);
    const withoutWebStack = combineLoadResults(engineOnlyBlocks);
    const engineAlone = summarize(withoutWebStack.latenciesMs);
    const modelAlone = combineLoadResults(embedOnlyBlocks);
    const modelFloor = summarize(modelAlone.latenciesMs);
    const sixteen = summarize(c16.latenciesMs);
    const errors =
      errorCount(c1) + errorCount(c16) + errorCount(withoutWebStack) + errorCount(modelAlone);
    const ratio = one.p50 / embed.p50;
    /** A p50 at concurrency 1, against the bare embed p50. */
    const againstEmbed = (figure: string, p50: number) =>
      comparedFigure({
        figure,
        value: ms(p50),
        reference: `${ms(embed.p50)} bare embed p50`,
        ratio: p50 / embed.p50,
      });
    return {
      key: "query",
      title: "Query latency",
      figures: [
        comparedFigure({
          figure: "`/api/search` p50, concurrency 1",
          value: ms(one.p50),
          reference: `${ms(embed.p50)} bare embed p50`,
          ratio,
          target: { atMost: TARGET_RATIO },
        }),
        againstEmbed("`/api/health` p50, concurrency 1 (the HTTP round trip alone)", floor.p50),
        againstEmbed(
          "plain `node:http` answering after a busy wait of the bare embed p50, concurrency 1 (the HTTP floor under a search)",
          waitFloor.p50,
        ),
        againstEmbed(
          "its model's pass alone behind plain `node:http` (embeds the question, answers a body of a median answer's size), concurrency 1, asked alongside `paperchat serve`",
          modelFloor.p50,
        ),
        againstEmbed(
          "the same search engine behind plain `node:http` (no Hono, zod or middleware), concurrency 1, asked alongside `paperchat serve`",
          engineAlone.p50,
        ),
        comparedFigure({
          figure: "`/api/search` p95 / p99, concurrency 1",
          value: `${ms(one.p95)} / ${ms(one.p99)}`,
          reference: `${ms(embed.p95)} / ${ms(embed.p99)} bare embed`,
          ratio: one.p99 / embed.p99,
        }),
        comparedFigure({
          figure: "`/api/search` p50 / p95 / p99, concurrency 16",
          value: `${ms(sixteen.p50)} / ${ms(sixteen.p95)} / ${ms(sixteen.p99)}`,
          reference: `${ms(embed.p50)} bare embed p50`,
          ratio: sixteen.p50 / embed.p50,
        }),
        comparedFigure({
          figure: "`/api/search` throughput, concurrency 16",
          value: `${formatNumber(sixteen.count / c16.seconds)} req/s`,
          reference: `${formatNumber(1000 / embed.mean)} embeds/s one at a time`,
          ratio: sixteen.count / c16.seconds / (1000 / embed.mean),
        }),
        absoluteFigure({
          figure: "`/api/search` errors (every run)",
          value: String(errors),
          reference: `${one.count + sixteen.count + engineAlone.count + modelFloor.count} requests`,
          target: "0",
          met: errors === 0,
        }),
      ],
      json: {
        c1: {
          ...latencyJson(one, c1.seconds),
          embed_p50_ms: embed.p50,
          embed_p95_ms: embed.p95,
          embed_p99_ms: embed.p99,
          embed_mean_ms: embed.mean,
        },
        c16: latencyJson(sixteen, c16.seconds),
        health_c1_p50_ms: floor.p50,
        http_floor: {
          c1_p50_ms: waitFloor.p50,
          wait_ms: embed.p50,
          body_bytes: answerBytes,
          ratio: waitFloor.p50 / embed.p50,
        },
        engine_only: {
          c1_p50_ms: engineAlone.p50,
          ratio: engineAlone.p50 / embed.p50,
          web_stack_ms: one.p50 - engineAlone.p50,
          search_ms: engineAlone.p50 - modelFloor.p50,
        },
        embed_only: { c1_p50_ms: modelFloor.p50, ratio: modelFloor.p50 / embed.p50 },
        errors,
        error_counts: {
          c1: c1.errors,
          c16: c16.errors,
          engine_only: withoutWebStack.errors,
          embed_only: modelAlone.errors,
        },
        ratio,
        target: TARGET_RATIO,
        met: ratio <= TARGET_RATIO && errors === 0,
        k: K,
        questions: pool.sources,
      },
      notes: [
        `\`GET /api/search?q=…&k=${K}\` against \`node bin/paperchat.js serve\` (its own process, the bundled 70-paper index, ${context.modelDescription}), driven by autocannon in this process; latency is autocannon's per-request time to the full response. Every request asks a different question (${c1Questions.length} at concurrency 1, ${c16Questions.length} others at 16, after ${WARM_UP} warm-up requests), drawn from ${pool.sources.dev_questions} dev questions, ${pool.sources.titles} paper titles and ${pool.sources.sentences} abstract sentences, so no answer can come from a cache. An answer counts as an error unless it is a 2xx with results that carry snippets.`,
        `The reference is the bare cost of embedding the question: \`embedder.embed([q])\` with the project's embedder (\`loadEmbedder\`, the same model) in this process, once per concurrency-1 question while the server is idle. The concurrency-1 run alternates with it in ${BLOCKS} blocks (embed a block of questions, then ask the same block of the server, the engine alone and its model alone, paperchat serve first, the other two in turns after it), so that all four sample the same moments of a shared machine. The engine alone is the search engine \`paperchat serve\` opens (same settings, index and model), answering \`GET /api/search\` from a plain \`node:http\` server in its own process with \`JSON.stringify\` of the same body (\`scripts/bench/engine-only-process.ts\`): what the server costs beyond it is its web stack (Hono, zod validation, middleware, the Node adapter), \`engine_only.web_stack_ms\`. Its model alone is the same process embedding the question with the engine's embedder and answering with a body of a median answer's size (from the warm-up): the floor under a search with this model, whatever the search does; what the engine alone costs beyond it is the search and its JSON, \`engine_only.search_ms\`. \`GET /api/health\` at concurrency 1 (200 requests) is the HTTP round trip with no search work (Node's HTTP server, Hono, the client): the floor under any route when it runs back to back. A search answers after the model's pass has kept the machine busy for milliseconds, and the HTTP path then costs more than back to back (the CPU's caches and predictors have moved on to other work): the HTTP floor under a search is measured by a plain \`node:http\` server in its own process (\`scripts/bench/http-floor-process.mjs\`, no framework and no paperchat code) that keeps its thread busy for the bare embed p50, then answers with a body the size of a median search answer (status line and headers included), asked the same concurrency-1 requests after the search runs. At concurrency 16 the two cores are shared by 16 requests, so latency there is mostly queueing; it has no target.`,
      ],
    };
  } finally {
    await Promise.all([server, ...helpers].map((process) => process.stop()));
  }
}
