import { join } from "node:path";
import { type BenchCluster, startBenchCluster } from "./bench-cluster.ts";
import type { BenchContext, BenchSection } from "./bench-section.ts";
import { BENCH_STORE_PREFIX, benchStoreLocation } from "./bench-store-location.ts";
import { type FailoverRun, runFailover } from "./failover-run.ts";
import { absoluteFigure, type Figure, formatNumber } from "./figure.ts";
import { generatedCorpus, questionsFrom, searchPath } from "./generated-corpus.ts";
import { runLoadTest } from "./load-test.ts";
import { measurePartsSpeedup, type PartsSpeedup } from "./parts-speedup.ts";
import { runTimed, type ServerProcess, startServer } from "./processes.ts";
import { summarize } from "./stats.ts";
import { exactNeighbours, storeRecallAtK } from "./store-recall.ts";
import { createSyntheticEmbedder, syntheticEmbedP50 } from "./synthetic-embedder.ts";

/** The targets of issue 23, for the OpenSearch store at 100k papers on 2 nodes. */
const TARGETS = {
  bulkPapersPerS: 500,
  searchP50Ms: 40,
  searchP99Ms: 200,
  recallAt10: 0.95,
  failoverErrors: 0,
  partsSpeedup: 1.7,
};
/** The bench's own cluster: away from the tests' 9250 and a real cluster's 9200. */
const CLUSTER = { name: "paperchat-bench", nodes: 2, basePort: 9300 };
const QUESTIONS = 300;
const WARM_UP = 30;
const RECALL_QUERIES = 200;
const K = 10;
/** Papers the `--part` workers index with the model: enough that model time dwarfs start-up. */
const PARTS_PAPERS = 400;
const FAILOVER = { clients: 4, hangMs: 10_000, beforeMs: 3000, afterMs: 15_000 };

/** What one store measured: its build, and `/api/search` at concurrency 1 and 16. */
interface StoreFigures {
  papers: number;
  build_s: number;
  bulk_papers_per_s: number;
  build_peak_rss_mb: number;
  search_p50_ms: number;
  search_p99_ms: number;
  search_p50_ms_c16: number;
  search_p99_ms_c16: number;
  search_errors: number;
  /** The paperchat server's RSS after the searches (the cluster's is apart). */
  server_rss_mb: number;
  recall_at_10?: number;
}

/** The child that builds and serves with the synthetic vector source (see scale-process.ts). */
const childOf = (repoRoot: string) => [
  "--import",
  "tsx",
  join(repoRoot, "scripts/bench/scale-process.ts"),
];

/**
 * Builds the corpus into a store (a folder or the cluster), then serves it and measures
 * `/api/search` at concurrency 1 and 16 after a warm-up; `whileServing` runs before the server
 * stops.
 */
async function measureStore(
  context: BenchContext,
  corpus: string,
  where: string,
  questions: readonly string[],
  steps: {
    /** Runs after the build, before the server starts. */
    afterBuild?: () => Promise<void>;
    /** Runs after the searches, before the server stops. */
    whileServing?: (server: ServerProcess) => Promise<void>;
  } = {},
): Promise<StoreFigures> {
  const child = childOf(context.repoRoot);
  context.log(`opensearch: building ${where}`);
  const build = await runTimed(context.repoRoot, [...child, "build", corpus, where]);
  const built = JSON.parse(build.stdout) as { papers: number; peakRssMb: number };
  const buildS = build.ms / 1000;
  context.log(`opensearch: ${built.papers} papers in ${formatNumber(buildS)} s; serving ${where}`);
  await steps.afterBuild?.();
  const server = await startServer(
    context.repoRoot,
    [...child, "serve", where],
    searchPath(questions[0]!, K),
  );
  try {
    const requests = questions
      .slice(1)
      .map((q) => ({ method: "GET" as const, path: searchPath(q, K) }));
    await runLoadTest({ url: server.url, connections: 1, requests: requests.slice(0, WARM_UP) });
    const measured = requests.slice(WARM_UP);
    const c1 = await runLoadTest({ url: server.url, connections: 1, requests: measured });
    const c16 = await runLoadTest({ url: server.url, connections: 16, requests: measured });
    const embedP50 = await syntheticEmbedP50(questions.slice(WARM_UP + 1));
    const [one, sixteen] = [summarize(c1.latenciesMs), summarize(c16.latenciesMs)];
    const figures: StoreFigures = {
      papers: built.papers,
      build_s: buildS,
      bulk_papers_per_s: built.papers / buildS,
      build_peak_rss_mb: built.peakRssMb,
      search_p50_ms: one.p50 - embedP50,
      search_p99_ms: one.p99 - embedP50,
      search_p50_ms_c16: sixteen.p50 - embedP50,
      search_p99_ms_c16: sixteen.p99 - embedP50,
      search_errors: c1.errors + c16.errors,
      server_rss_mb: server.rssMb(),
    };
    await steps.whileServing?.(server);
    return figures;
  } finally {
    await server.stop();
  }
}

/** Dense recall@10 of both stores against one exact scan of the corpus's vectors. */
async function measureRecall(
  context: BenchContext,
  corpus: string,
  questions: readonly string[],
  where: readonly string[],
): Promise<number[]> {
  const embedder = createSyntheticEmbedder();
  const queries = await embedder.embed(questions.slice(0, RECALL_QUERIES));
  context.log(`opensearch: exact top-${K} of ${queries.length} queries`);
  const exact = await exactNeighbours(corpus, embedder, queries, K);
  const recalls: number[] = [];
  for (const location of where) {
    const store = await benchStoreLocation(location).open({ encoder: embedder });
    try {
      recalls.push(await storeRecallAtK(store, exact, K));
    } finally {
      await store.close();
    }
  }
  return recalls;
}

/** A row with the OpenSearch store's value and the embedded store's beside it as reference. */
function sideBySide(
  figure: string,
  value: number,
  embedded: number | undefined,
  unit: string,
  target?: { atLeast: number } | { atMost: number },
): Figure {
  const text = (n: number) => `${formatNumber(n)}${unit ? ` ${unit}` : ""}`;
  const row = absoluteFigure({
    figure: `OpenSearch: ${figure}`,
    value: text(value),
    reference: embedded === undefined ? "—" : `embedded: ${text(embedded)}`,
  });
  if (!target) return row;
  return "atLeast" in target
    ? {
        ...row,
        target: `≥ ${target.atLeast}${unit ? ` ${unit}` : ""}`,
        met: value >= target.atLeast,
      }
    : {
        ...row,
        target: `≤ ${target.atMost}${unit ? ` ${unit}` : ""}`,
        met: value <= target.atMost,
      };
}

/** A part of the section that may fail on its own (a busy machine) without losing the rest. */
async function attempt<Result>(
  log: (message: string) => void,
  what: string,
  measure: () => Promise<Result>,
): Promise<Result | { failed: string }> {
  try {
    return await measure();
  } catch (error) {
    const message = (error as Error).message;
    log(`opensearch: ${what} FAILED: ${message}`);
    return { failed: message.slice(0, 2000) };
  }
}

function failoverNote(failover: FailoverRun | { failed: string }): string {
  if ("failed" in failover) return `Failover: failed: ${failover.failed.split("\n")[0]}`;
  const outcomes = Object.entries(failover.byOutcome).map(([kind, n]) => `${n} × ${kind}`);
  return `Failover: ${FAILOVER.clients} clients searching through the server on node 0 for ${FAILOVER.beforeMs / 1000} s, node 1 SIGKILLed, the window until the cluster reported 1 node and no primary missing (${formatNumber(failover.windowMs)} ms), then ${FAILOVER.afterMs / 1000} s more; ${failover.searches} searches: ${outcomes.join(", ")}. A search unanswered after ${FAILOVER.hangMs / 1000} s is a hang.`;
}

function partsNote(parts: PartsSpeedup | { failed: string }): string {
  if ("failed" in parts) return `\`--part\`: failed: ${parts.failed.split("\n")[0]}`;
  return `\`--part\`: ${parts.papers} papers, \`paperchat index --store --part 1/1\` pinned to core 0 took ${formatNumber(parts.oneWorkerS)} s to build; \`--part 1/2\` and \`2/2\` at once, pinned to cores 0 and 1, ${formatNumber(parts.twoWorkersS)} s (the slower; wall with process start and model load ${formatNumber(parts.oneWorkerWallS)} s against ${formatNumber(parts.twoWorkersWallS)} s). The cluster's JVMs share those cores.`;
}

/**
 * The opensearch section: the same arXiv-shaped corpus (`--papers`, default 100k) built into the
 * embedded store and into a real 2-node OpenSearch cluster (scripts/opensearch/cluster.sh, one
 * replica) in one run, with the synthetic vector source in place of the model: first `--part`
 * workers with the bench model on the fresh cluster; then bulk rate, search latency beyond the
 * embed at concurrency 1 and 16 (once the replica is in), dense recall@10 against an exact scan,
 * the cluster's memory; then searches while node 1 is killed. The cluster is stopped at the end, also on failure.
 *
 * @example
 * const section = await runOpenSearchBench({ ...context, openSearchPapers: 10_000 });
 */
export async function runOpenSearchBench(context: BenchContext): Promise<BenchSection> {
  const { repoRoot, log } = context;
  const corpus = await generatedCorpus(context, context.openSearchPapers);
  const questions = await questionsFrom(corpus, QUESTIONS + WARM_UP + 1);
  const indexDir = join(context.workDir, "opensearch-embedded-index");
  const embedded = await measureStore(context, corpus, indexDir, questions);
  log(`opensearch: starting a ${CLUSTER.nodes}-node cluster on port ${CLUSTER.basePort}`);
  let cluster: BenchCluster | undefined;
  try {
    cluster = await startBenchCluster({ repoRoot, ...CLUSTER });
    const started = cluster;
    // First, on the fresh cluster: model-bound, it must not share the cores with the cluster
    // recovering the big index's replica.
    log(`opensearch: --part workers with ${context.modelDescription}`);
    const parts = await attempt(log, "--part workers", () =>
      measurePartsSpeedup({
        repoRoot,
        clusterUrl: started.url,
        modelDir: context.modelDir,
        corpusFile: corpus,
        papers: PARTS_PAPERS,
        workDir: context.workDir,
      }),
    );
    let clusterRssMb = 0;
    let replicaReadyS = 0;
    const opensearch = await measureStore(context, corpus, started.url, questions, {
      afterBuild: async () => {
        replicaReadyS = await started.waitForGreen();
        log(`opensearch: replica ready ${formatNumber(replicaReadyS)} s after the build`);
      },
      whileServing: async () => {
        clusterRssMb = started.rssMb();
      },
    });
    [embedded.recall_at_10, opensearch.recall_at_10] = await measureRecall(
      context,
      corpus,
      questions,
      [indexDir, started.url],
    );
    log("opensearch: searches while node 1 is killed");
    const failover = await attempt(log, "failover", async () => {
      const server = await startServer(
        repoRoot,
        [...childOf(repoRoot), "serve", started.url],
        searchPath(questions[0]!, K),
      );
      return runFailover({
        serverUrl: server.url,
        cluster: started,
        index: `${BENCH_STORE_PREFIX}-papers`,
        node: 1,
        paths: questions.map((q) => searchPath(q, K)),
        ...FAILOVER,
      }).finally(() => server.stop());
    });
    const failoverErrors =
      "failed" in failover ? Number.NaN : failover.inWindow + failover.afterWindow;
    const partsSpeedup = "failed" in parts ? Number.NaN : parts.speedup;
    const json = {
      papers: opensearch.papers,
      nodes: CLUSTER.nodes,
      bulk_papers_per_s: opensearch.bulk_papers_per_s,
      search_p50_ms: opensearch.search_p50_ms,
      search_p99_ms: opensearch.search_p99_ms,
      search_p50_ms_c16: opensearch.search_p50_ms_c16,
      search_p99_ms_c16: opensearch.search_p99_ms_c16,
      recall_at_10: opensearch.recall_at_10,
      cluster_rss_mb: clusterRssMb,
      replica_ready_s: replicaReadyS,
      failover_errors: failoverErrors,
      parts_speedup: partsSpeedup,
      opensearch,
      embedded,
      failover,
      parts,
    };
    return {
      key: "opensearch",
      title: `OpenSearch: ${opensearch.papers} arXiv-shaped papers, ${CLUSTER.nodes} nodes, beside the embedded store`,
      model: `none for the store figures (a synthetic vector source); ${context.modelDescription} for --part workers`,
      figures: [
        sideBySide("papers indexed", opensearch.papers, embedded.papers, ""),
        sideBySide(
          `bulk papers/s (${CLUSTER.nodes} nodes, vectors given)`,
          opensearch.bulk_papers_per_s,
          embedded.bulk_papers_per_s,
          "papers/s",
          { atLeast: TARGETS.bulkPapersPerS },
        ),
        sideBySide(
          "`/api/search` p50 beyond the embed, c1",
          opensearch.search_p50_ms,
          embedded.search_p50_ms,
          "ms",
          { atMost: TARGETS.searchP50Ms },
        ),
        sideBySide(
          "`/api/search` p99 beyond the embed, c1",
          opensearch.search_p99_ms,
          embedded.search_p99_ms,
          "ms",
          { atMost: TARGETS.searchP99Ms },
        ),
        sideBySide(
          "`/api/search` p50 beyond the embed, c16",
          opensearch.search_p50_ms_c16,
          embedded.search_p50_ms_c16,
          "ms",
        ),
        sideBySide(
          "`/api/search` p99 beyond the embed, c16",
          opensearch.search_p99_ms_c16,
          embedded.search_p99_ms_c16,
          "ms",
        ),
        sideBySide(
          "search errors (c1 and c16)",
          opensearch.search_errors,
          embedded.search_errors,
          "",
          {
            atMost: 0,
          },
        ),
        sideBySide(
          "dense recall@10 against an exact scan",
          opensearch.recall_at_10!,
          embedded.recall_at_10,
          "",
          {
            atLeast: TARGETS.recallAt10,
          },
        ),
        sideBySide("cluster RSS (sum of the nodes)", clusterRssMb, undefined, "MB"),
        sideBySide("paperchat server RSS", opensearch.server_rss_mb, embedded.server_rss_mb, "MB"),
        sideBySide(
          "failover errors (5xx but 503 + Retry-After, or hangs)",
          failoverErrors,
          undefined,
          "",
          {
            atMost: TARGETS.failoverErrors,
          },
        ),
        sideBySide(
          "`--part` speedup, 2 workers on 2 cores against 1",
          partsSpeedup,
          undefined,
          "×",
          {
            atLeast: TARGETS.partsSpeedup,
          },
        ),
      ],
      json,
      notes: [
        `Both stores built from the same corpus by paperchat's build (\`buildIndex\`) in a child process, the synthetic vector source standing in for the model; papers/s is the build's wall time, process start to exit (the cluster's: the new index written, refreshed, given its replica and put behind the alias). ${QUESTIONS} questions at concurrency 1, then the same at 16, after ${WARM_UP} warm-up, through the real server; the synthetic embed's p50 is taken off each percentile. Recall: ${RECALL_QUERIES} query vectors against an exhaustive scan of the corpus's vectors, each store's own \`nearest\`.`,
        failoverNote(failover),
        partsNote(parts),
      ],
    };
  } finally {
    if (cluster) {
      log("opensearch: stopping the cluster");
      await cluster.stop();
    }
  }
}
