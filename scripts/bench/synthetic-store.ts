import { join } from "node:path";
import { runLoadTest, searchPath } from "./load-test.ts";
import { runTimed, type ServerProcess, startServer } from "./processes.ts";
import type { BenchContext } from "./section.ts";
import { percentile, summarize, timeEach } from "./stats.ts";
import { createSyntheticEmbedder } from "./synthetic-vectors.ts";

/** Searches of a synthetic store: questions measured, warm-up ones before them, results. */
export const SEARCHES = { questions: 300, warmUp: 30, k: 10 };

/** `node` arguments of the child that builds and serves with synthetic vectors. */
const childArgs = (repoRoot: string, ...args: string[]) => [
  ...["--import", "tsx", join(repoRoot, "scripts/bench/synthetic-store-process.ts")],
  ...args,
];

/** What a build of the synthetic store measured: papers, its peak RSS, spawn to exit. */
export type SyntheticBuild = { papers: number; peakRssMb: number; seconds: number };

/**
 * Builds `corpus` into `where` with synthetic vectors in a child process, timed.
 *
 * @example
 * const { papers, seconds } = await buildSyntheticStore(context, corpus, "/tmp/index");
 */
export async function buildSyntheticStore(
  context: BenchContext,
  corpus: string,
  where: string,
): Promise<SyntheticBuild> {
  const args = childArgs(context.repoRoot, "build", corpus, where);
  const build = await runTimed(context.repoRoot, args);
  return { ...JSON.parse(build.stdout), seconds: build.ms / 1000 };
}

/**
 * paperchat's server on `where` with synthetic vectors, ready on `readyQuestion`.
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
  return startServer(context.repoRoot, args, searchPath(readyQuestion, SEARCHES.k));
}

/**
 * Serves `where`, warms it up, searches at each of `connections`, then reads its memory and runs
 * `measureAfter` on the server while it still runs.
 *
 * @example
 * const { latencies } = await searchSyntheticStore(context, dir, questions, [1, 16], async () => 0);
 */
export async function searchSyntheticStore<After>(
  context: BenchContext,
  where: string,
  questions: readonly string[],
  connections: readonly number[],
  measureAfter: (server: ServerProcess) => Promise<After>,
) {
  const server = await serveSyntheticStore(context, where, questions[0]!);
  try {
    const requests = questions
      .slice(1)
      .map((q) => ({ method: "GET" as const, path: searchPath(q, SEARCHES.k) }));
    const ask = (clients: number, asked: typeof requests) =>
      runLoadTest({ url: server.url, connections: clients, requests: asked });
    const warmUp = Math.max(0, requests.length - SEARCHES.questions);
    await ask(1, requests.slice(0, warmUp));
    const embedder = createSyntheticEmbedder();
    const embedMs = await timeEach(questions.slice(warmUp + 1), (q) => embedder.embed([q]));
    const runs = [];
    for (const clients of connections) runs.push(await ask(clients, requests.slice(warmUp)));
    return {
      readyS: server.readyMs / 1000,
      rssMb: server.rssMb(),
      measuredAfter: await measureAfter(server),
      embedP50Ms: percentile(embedMs, 50),
      latencies: runs.map((run) => summarize(run.latenciesMs)),
      errors: runs.reduce((sum, run) => sum + run.errors, 0),
    };
  } finally {
    await server.stop();
  }
}
