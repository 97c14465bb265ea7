import { join } from "node:path";
import { type LoadTestResult, runLoadTest } from "./load-test.ts";
import { runTimed, type ServerProcess, startServer } from "./processes.ts";
import type { BenchContext } from "./section.ts";
import { percentile } from "./stats.ts";
import { createSyntheticEmbedder } from "./synthetic-vectors.ts";

/** Searches of the synthetic store: questions measured, warm-up requests before them, results. */
export const SEARCHES = { questions: 300, warmUp: 30, k: 10 };

/** What a build of the synthetic store measured: papers, the build's peak RSS, spawn to exit. */
export interface SyntheticBuild {
  papers: number;
  peakRssMb: number;
  seconds: number;
}

/** `node` arguments of the child that builds and serves with synthetic vectors. */
const childArgs = (repoRoot: string, ...args: string[]) => [
  ...["--import", "tsx", join(repoRoot, "scripts/bench/synthetic-store-process.ts")],
  ...args,
];

/**
 * The `/api/search` path of a question, `SEARCHES.k` results.
 *
 * @example
 * searchPath("graph neural networks"); // "/api/search?q=graph%20neural%20networks&k=10"
 */
export const searchPath = (question: string) =>
  `/api/search?q=${encodeURIComponent(question)}&k=${SEARCHES.k}`;

/**
 * Builds `corpus` into `where` (an index folder or an OpenSearch cluster's URL) with paperchat's
 * `buildIndex` and the synthetic vector source, in a child process timed from spawn to exit.
 *
 * @example
 * const { papers, seconds } = await buildSyntheticStore(context, corpus, "/tmp/index");
 */
export async function buildSyntheticStore(
  context: BenchContext,
  corpus: string,
  where: string,
): Promise<SyntheticBuild> {
  const build = await runTimed(
    context.repoRoot,
    childArgs(context.repoRoot, "build", corpus, where),
  );
  return { ...JSON.parse(build.stdout), seconds: build.ms / 1000 };
}

/**
 * Spawns paperchat's server on `where` with the synthetic vector source, ready once it answers
 * `readyQuestion`.
 *
 * @example
 * const server = await serveSyntheticStore(context, "/tmp/index", "graph neural networks");
 */
export function serveSyntheticStore(
  context: BenchContext,
  where: string,
  readyQuestion: string,
): Promise<ServerProcess> {
  const args = childArgs(context.repoRoot, "serve", where);
  return startServer(context.repoRoot, args, searchPath(readyQuestion));
}

/**
 * The median time the synthetic vector source takes to embed one of `questions`, in ms: what is
 * taken off a search's latency to give the latency beyond the embed.
 */
async function syntheticEmbedP50(questions: readonly string[]): Promise<number> {
  const embedder = createSyntheticEmbedder();
  const embedMs: number[] = [];
  for (const question of questions) {
    const started = performance.now();
    await embedder.embed([question]);
    embedMs.push(performance.now() - started);
  }
  return percentile(embedMs, 50);
}

/**
 * Serves `where` (ready on the first of `questions`), warms it up with the next ones at
 * concurrency 1, all but the last `SEARCHES.questions`, then hands `measure` the server, `search`,
 * which asks each of those last questions once from `connections` clients, and the synthetic
 * embed's p50 over them (in ms, for latencies beyond the embed). Stops the server after.
 *
 * @example
 * const c1 = await withSyntheticServer(context, indexDir, questions, (_, search) => search(1));
 */
export async function withSyntheticServer<Result>(
  context: BenchContext,
  where: string,
  questions: readonly string[],
  measure: (
    server: ServerProcess,
    search: (connections: number) => Promise<LoadTestResult>,
    embedP50Ms: number,
  ) => Promise<Result>,
): Promise<Result> {
  const server = await serveSyntheticStore(context, where, questions[0]!);
  try {
    const requests = questions
      .slice(1)
      .map((q) => ({ method: "GET" as const, path: searchPath(q) }));
    const ask = (connections: number, asked: typeof requests) =>
      runLoadTest({ url: server.url, connections, requests: asked });
    const warmUp = Math.max(0, requests.length - SEARCHES.questions);
    await ask(1, requests.slice(0, warmUp));
    const measured = requests.slice(warmUp);
    const embedP50Ms = await syntheticEmbedP50(questions.slice(warmUp + 1));
    return await measure(server, (connections) => ask(connections, measured), embedP50Ms);
  } finally {
    await server.stop();
  }
}
