import { join } from "node:path";
import { paperText } from "../../src/corpus/paper-text.ts";
import { streamCorpus } from "../../src/corpus/stream-corpus.ts";
import { generatedCorpus, questionsFrom } from "./arxiv-shaped-corpus.ts";
import { type BenchCluster, benchJavaHome, startBenchCluster } from "./bench-cluster.ts";
import { BENCH_STORE_PREFIX, benchStoreLocation } from "./bench-store-location.ts";
import { runFailover } from "./failover.ts";
import { searchPath } from "./load-test.ts";
import { paperchatArgs, runTimed } from "./processes.ts";
import { exactTopK, recallAtK } from "./recall.ts";
import type { BenchContext, BenchSection, Limit } from "./section.ts";
import { formatNumber, judged, row } from "./section.ts";
import type { SampleSummary } from "./stats.ts";
import {
  buildSyntheticStore,
  SEARCHES,
  searchSyntheticStore,
  serveSyntheticStore,
} from "./synthetic-store.ts";
import { createSyntheticEmbedder } from "./synthetic-vectors.ts";

/** The bench's own cluster: away from the tests' 9250 and a real cluster's 9200. */
const CLUSTER = { name: "paperchat-bench", nodes: 2, basePort: 9300 };
const RECALL_QUERIES = 200;
/** Searches that warm each store up: a cluster just started answers its first ones slowly. */
const WARM_UP = 300;
/** Papers the `--part` workers index with the model: enough that model time dwarfs start-up. */
const PARTS_PAPERS = 400;
/** Runs of each `--part` side: one worker alone, and two at once. */
const PARTS_ROUNDS = 3;
const FAILOVER = { clients: 4, hangMs: 10_000, beforeMs: 3000, afterMs: 15_000 };

/** Builds the corpus into `where` and searches it at concurrency 1 and 16. */
async function measureStore(
  context: BenchContext,
  corpus: string,
  questions: readonly string[],
  where: string,
  cluster?: BenchCluster,
) {
  context.log(`opensearch: building ${where}`);
  const built = await buildSyntheticStore(context, corpus, where);
  context.log(`opensearch: ${built.papers} papers in ${formatNumber(built.seconds)} s`);
  let replicaReadyS = 0;
  let mergesSettledS = 0;
  if (cluster) {
    replicaReadyS = await cluster.waitForGreen();
    mergesSettledS = await cluster.waitForMerges();
    const [green, merged] = [replicaReadyS, mergesSettledS].map(formatNumber);
    context.log(`opensearch: green ${green} s after the build, merges settled ${merged} s later`);
  }
  const served = await searchSyntheticStore(context, where, questions, [1, 16], async () =>
    cluster ? cluster.rssMb() : 0,
  );
  const [one, sixteen] = served.latencies as [SampleSummary, SampleSummary];
  const embed = served.embedP50Ms;
  const store = {
    papers: built.papers,
    build_s: built.seconds,
    bulk_papers_per_s: built.papers / built.seconds,
    build_peak_rss_mb: built.peakRssMb,
    search_p50_ms: one.p50 - embed,
    search_p99_ms: one.p99 - embed,
    search_p50_ms_c16: sixteen.p50 - embed,
    search_p99_ms_c16: sixteen.p99 - embed,
    search_errors: served.errors,
    /** The paperchat server's, after the searches (the cluster's is apart). */
    server_rss_mb: served.rssMb,
    recall_at_10: undefined as number | undefined,
  };
  return { store, replicaReadyS, mergesSettledS, clusterRssMb: served.measuredAfter };
}

type StoreFigures = Awaited<ReturnType<typeof measureStore>>["store"];

/** The rows of both stores' figures: what, its unit, and the target of issue 23 at 100k papers. */
const STORE_ROWS: [keyof StoreFigures, string, string, Limit?][] = [
  ["papers", "papers indexed", ""],
  ["bulk_papers_per_s", "bulk papers/s (2 nodes, vectors given)", " papers/s", { atLeast: 500 }],
  ["search_p50_ms", "`/api/search` p50 beyond the embed, c1", " ms", { atMost: 40 }],
  ["search_p99_ms", "`/api/search` p99 beyond the embed, c1", " ms", { atMost: 200 }],
  ["search_p50_ms_c16", "`/api/search` p50 beyond the embed, c16", " ms"],
  ["search_p99_ms_c16", "`/api/search` p99 beyond the embed, c16", " ms"],
  ["search_errors", "search errors (c1 and c16)", "", { atMost: 0 }],
  ["recall_at_10", "dense recall@10 against an exact scan", "", { atLeast: 0.95 }],
  ["server_rss_mb", "paperchat server RSS", " MB"],
];

/** A row with the OpenSearch store's value and the embedded store's beside it as reference. */
function sideBySide(figure: string, unit: string, value: number, other?: number, limit?: Limit) {
  const text = (n: number) => `${formatNumber(n)}${unit}`;
  const reference = other === undefined ? "—" : `embedded: ${text(other)}`;
  return row(`OpenSearch: ${figure}`, text(value), reference, limit && judged(value, limit, unit));
}

/** Each store's recall@10 against an exact scan of the papers' synthetic vectors. */
async function measureRecall(
  context: BenchContext,
  corpus: string,
  questions: readonly string[],
  locations: readonly string[],
): Promise<number[]> {
  const { k } = SEARCHES;
  const embedder = createSyntheticEmbedder();
  const queries = await embedder.embed(questions.slice(0, RECALL_QUERIES));
  context.log(`opensearch: exact top-${k} of ${queries.length} queries`);
  const ids: string[] = [];
  const paperVectors: Float32Array[] = [];
  for await (const { paper } of streamCorpus(corpus)) {
    ids.push(paper.id);
    paperVectors.push(...(await embedder.embed([paperText(paper)])));
  }
  const vectors = new Float32Array(ids.length * embedder.dims);
  for (const [row, vector] of paperVectors.entries()) vectors.set(vector, row * embedder.dims);
  const truth = queries.map((query) =>
    exactTopK(vectors, embedder.dims, query, k).map((row) => ids[row]!),
  );
  const recalls: number[] = [];
  for (const location of locations) {
    const store = await benchStoreLocation(location).open({ encoder: embedder });
    try {
      const found: string[][] = [];
      for (const vector of queries) {
        const { keys } = await store.nearest({ vector, limit: k });
        found.push((await store.papers(keys)).map((paper) => paper.id));
      }
      recalls.push(recallAtK(found, truth, k));
    } finally {
      await store.close();
    }
  }
  return recalls;
}

/**
 * `paperchat index --part` on one core against two workers on two, each side {@link PARTS_ROUNDS}
 * times alternating which goes first, into fresh indexes; the fastest of each side counts.
 */
async function measurePartsSpeedup(context: BenchContext, clusterUrl: string) {
  const corpus = await generatedCorpus(context, PARTS_PAPERS);
  const worker = async (core: number, prefix: string, part: string) => {
    const index = ["index", "--store", clusterUrl, "--store-prefix", prefix, "--corpus", corpus];
    const args = [...index, "--part", part, "--model", context.modelDir, "--offline", "--json"];
    const run = await runTimed(context.repoRoot, paperchatArgs(context.repoRoot, args), core);
    return JSON.parse(run.stdout).seconds as number;
  };
  const one: number[] = [];
  const two: number[] = [];
  for (let round = 0; round < PARTS_ROUNDS; round++) {
    const sides = [
      async () => one.push(await worker(0, `parts-one-${round}`, "1/1")),
      async () => {
        const prefix = `parts-two-${round}`;
        const parts = [worker(0, prefix, "1/2"), worker(1, prefix, "2/2")];
        two.push(Math.max(...(await Promise.all(parts))));
      },
    ];
    for (const side of round % 2 === 0 ? sides : sides.reverse()) await side();
  }
  // Never published, the two-worker indexes have no replica: gone, they cannot leave the
  // cluster red when a node dies later.
  await fetch(`${clusterUrl}/parts-*?expand_wildcards=all`, { method: "DELETE" });
  const [oneWorkerS, twoWorkersS] = [Math.min(...one), Math.min(...two)];
  return { papers: PARTS_PAPERS, one, two, speedup: oneWorkerS / twoWorkersS };
}

/** A part of the section that failed on its own (a busy machine), without losing the rest. */
const failed = (context: BenchContext, what: string) => (error: Error) => {
  context.log(`opensearch: ${what} FAILED: ${error.message}`);
  return { failed: error.message.slice(0, 2000) };
};

/** OpenSearch: a 2-node cluster beside the embedded store, on the same synthetic corpus. */
export async function runOpenSearchBench(context: BenchContext): Promise<BenchSection> {
  const { log } = context;
  const corpus = await generatedCorpus(context, context.openSearchPapers);
  const questions = await questionsFrom(corpus, SEARCHES.questions + WARM_UP + 1);
  const indexDir = join(context.workDir, "opensearch-embedded-index");
  const { store: embedded } = await measureStore(context, corpus, questions, indexDir);
  log(`opensearch: starting a ${CLUSTER.nodes}-node cluster on port ${CLUSTER.basePort}`);
  const javaHome = benchJavaHome();
  const cluster = await startBenchCluster({ repoRoot: context.repoRoot, ...CLUSTER, javaHome });
  log(`opensearch: the nodes run on ${cluster.jdk}`);
  try {
    // First, on the fresh cluster: model-bound, it must not share the cores with the cluster
    // recovering the big index's replica.
    log(`opensearch: --part workers with ${context.modelDescription}`);
    const parts = await measurePartsSpeedup(context, cluster.url).catch(
      failed(context, "--part workers"),
    );
    const measured = await measureStore(context, corpus, questions, cluster.url, cluster);
    const opensearch = measured.store;
    const recalls = await measureRecall(context, corpus, questions, [indexDir, cluster.url]);
    [embedded.recall_at_10, opensearch.recall_at_10] = recalls;
    log("opensearch: searches while node 1 is killed");
    const paths = questions.map((question) => searchPath(question, SEARCHES.k));
    const index = `${BENCH_STORE_PREFIX}-papers`;
    const failover = await serveSyntheticStore(context, cluster.url, questions[0]!)
      .then((server) =>
        runFailover({ serverUrl: server.url, cluster, index, node: 1, paths, ...FAILOVER }).finally(
          () => server.stop(),
        ),
      )
      .catch(failed(context, "failover"));
    const failoverErrors =
      "failed" in failover ? Number.NaN : failover.inWindow + failover.afterWindow;
    const partsSpeedup = "failed" in parts ? Number.NaN : parts.speedup;
    const outcomes =
      "failed" in failover
        ? ""
        : Object.entries(failover.byOutcome)
            .map(([kind, n]) => `${n} × ${kind}`)
            .join(", ");
    return {
      key: "opensearch",
      title: `OpenSearch: ${opensearch.papers} arXiv-shaped papers, ${CLUSTER.nodes} nodes, beside the embedded store`,
      model: `none for the store figures (a synthetic vector source); ${context.modelDescription} for --part workers`,
      figures: [
        ...STORE_ROWS.map(([key, figure, unit, limit]) =>
          sideBySide(figure, unit, opensearch[key]!, embedded[key], limit),
        ),
        sideBySide("cluster RSS (sum of the nodes)", " MB", measured.clusterRssMb),
        sideBySide(
          "failover errors (5xx but 503 + Retry-After, or hangs)",
          "",
          failoverErrors,
          undefined,
          { atMost: 0 },
        ),
        sideBySide(
          "`--part` speedup, 2 workers on 2 cores against 1",
          "×",
          partsSpeedup,
          undefined,
          { atLeast: 1.7 },
        ),
      ],
      json: {
        ...opensearch,
        nodes: CLUSTER.nodes,
        jdk: cluster.jdk,
        cluster_rss_mb: measured.clusterRssMb,
        replica_ready_s: measured.replicaReadyS,
        merges_settled_s: measured.mergesSettledS,
        failover_errors: failoverErrors,
        parts_speedup: partsSpeedup,
        embedded,
        failover,
        parts,
      },
      notes: [
        `The cluster's nodes run on ${cluster.jdk}: OpenSearch's own distribution runs on its bundled JDK 21 with the vector module, as here; on JDK 17 Lucene's vector code is off (docs/benchmarks.md).`,
        `Both stores built from the same corpus by paperchat's build (\`buildIndex\`) in a child process, the synthetic vector source standing in for the model; papers/s is the build's wall time, process start to exit (the cluster's: the new index written, refreshed, given its replica and put behind the alias). ${SEARCHES.questions} questions at concurrency 1, then the same at 16, after ${WARM_UP} warm-up, through the real server; the synthetic embed's p50 is taken off each percentile. Recall: ${RECALL_QUERIES} query vectors against an exhaustive scan of the corpus's vectors, each store's own \`nearest\`.`,
        "failed" in failover
          ? `Failover: failed: ${failover.failed.split("\n")[0]}`
          : `Failover: ${FAILOVER.clients} clients searching through the server on node 0 for ${FAILOVER.beforeMs / 1000} s, node 1 SIGKILLed, the window until the cluster reported 1 node and no primary missing (${formatNumber(failover.windowMs)} ms), then ${FAILOVER.afterMs / 1000} s more; ${failover.searches} searches: ${outcomes}. A search unanswered after ${FAILOVER.hangMs / 1000} s is a hang.`,
        "failed" in parts
          ? `\`--part\`: failed: ${parts.failed.split("\n")[0]}`
          : `\`--part\`: ${parts.papers} papers, \`paperchat index --store --part 1/1\` pinned to core 0 took ${parts.one.map(formatNumber).join(", ")} s to build; \`--part 1/2\` and \`2/2\` at once, pinned to cores 0 and 1, ${parts.two.map(formatNumber).join(", ")} s (the slower of the two); ${PARTS_ROUNDS} rounds alternating which side went first, the fastest of each counts. The cluster's JVMs share those cores.`,
      ],
    };
  } finally {
    log("opensearch: stopping the cluster");
    await cluster.stop();
  }
}
