/**
 * How fast the test cluster takes papers in, and how well its knn search recalls: bulk indexing
 * of 1,000 and 10,000 papers (384-d vectors, sentence vectors, text) at several batch sizes, and
 * recall@10 against an exact scan on 10,000 low-rank vectors at several ef_search values.
 * Figures only, no assertions; machines here are noisy (±5% and more), so read them as ranges.
 *
 *   bash scripts/opensearch/cluster.sh start [--nodes 2]
 *   npx tsx scripts/opensearch/bench.ts [--url URL] [--queries 100]
 */
import { parseArgs } from "node:util";
import { inBatchesOf } from "../bench/in-batches-of.ts";
import { exactTopK, recallAtK } from "../bench/recall.ts";
import { summarize } from "../bench/stats.ts";
import type { BulkReply, PaperDocument } from "./paper-requests.ts";
import { bulkFailures, bulkIndexBody, nearestQuery, paperIndexBody } from "./paper-requests.ts";
import { openSearchRest } from "./rest.ts";
import { syntheticPapers } from "./synthetic-papers.ts";

const { values: flags } = parseArgs({
  options: {
    url: { type: "string", default: process.env.OPENSEARCH_URL ?? "http://127.0.0.1:9250" },
    queries: { type: "string", default: "100" },
  },
});
const DIMS = 384;
const K = 10;
const INDEX = "bench-papers";
const rest = openSearchRest({ url: flags.url, timeoutMs: 300_000 });

async function ok<Body>(reply: Promise<{ status: number; body: unknown }>): Promise<Body> {
  const { status, body } = await reply;
  if (status >= 300) throw new Error(`${status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body as Body;
}

const health = await ok<{ number_of_data_nodes: number }>(rest.request("GET", "/_cluster/health"));
const replicas = health.number_of_data_nodes > 1 ? 1 : 0;

/** Indexes `papers` into a fresh index in batches; seconds from the first bulk to searchable. */
async function timedLoad(
  papers: readonly PaperDocument[],
  batch: number,
  refreshInterval: string,
): Promise<number> {
  await rest.request("DELETE", `/${INDEX}`);
  const body = paperIndexBody({ dims: DIMS, shards: 1, replicas, model: "bench" }) as {
    settings: { index: Record<string, unknown> };
  };
  body.settings.index.refresh_interval = refreshInterval;
  await ok(rest.request("PUT", `/${INDEX}`, body));
  await ok(
    rest.request(
      "GET",
      `/_cluster/health/${INDEX}?wait_for_status=${replicas ? "green" : "yellow"}`,
    ),
  );
  const started = performance.now();
  for (const papersInBatch of inBatchesOf(papers, batch)) {
    const reply = await ok<BulkReply>(
      rest.request("POST", "/_bulk", bulkIndexBody(INDEX, papersInBatch)),
    );
    const failures = bulkFailures(reply);
    if (failures.length > 0) throw new Error(`bulk failed: ${JSON.stringify(failures[0])}`);
  }
  await ok(rest.request("POST", `/${INDEX}/_refresh`));
  return (performance.now() - started) / 1000;
}

console.log(`${flags.url}: ${health.number_of_data_nodes} data node(s), ${replicas} replica(s)`);
const corpus = syntheticPapers({ count: 10_000, dims: DIMS, seed: 5 });
const bytes = bulkIndexBody(INDEX, corpus.documents.slice(0, 1000)).ndjson.length / 1000;
console.log(`a paper is ${Math.round(bytes)} bytes of bulk NDJSON`);

// The first load warms the JVM (JIT): it is shown apart, not compared.
const cold = await timedLoad(corpus.documents.slice(0, 1000), 500, "1s");
console.log(`cold JVM: 1,000 papers in ${cold.toFixed(1)} s (${Math.round(1000 / cold)} papers/s)`);

console.log("\npapers | batch | refresh_interval | seconds | papers/s");
for (const [count, batches] of [
  [1000, [100, 250, 500, 1000]],
  [10_000, [250, 500, 1000, 2000]],
] as const) {
  for (const batch of batches) {
    for (const refreshInterval of ["1s", "-1"]) {
      const seconds = await timedLoad(corpus.documents.slice(0, count), batch, refreshInterval);
      const rate = Math.round(count / seconds);
      console.log(`${count} | ${batch} | ${refreshInterval} | ${seconds.toFixed(1)} | ${rate}`);
    }
  }
}

// The index now holds the 10,000 papers of the last load.
const queryCount = Number(flags.queries);
const queries = syntheticPapers({ count: queryCount, dims: DIMS, seed: 77 }).vectors;
const queryVector = (q: number) => queries.subarray(q * DIMS, (q + 1) * DIMS);
const truth = Array.from({ length: queryCount }, (_, q) =>
  exactTopK(corpus.vectors, DIMS, queryVector(q), K),
);
console.log(`\nrecall@${K} on 10,000 papers, ${queryCount} queries`);
console.log("ef_search | recall | p50 ms | p95 ms");
for (const efSearch of [undefined, 20, 50, 100, 200, 400]) {
  const found: number[][] = [];
  const latencies: number[] = [];
  for (let q = 0; q < queryCount; q++) {
    const started = performance.now();
    const reply = await ok<{ hits: { hits: { _id: string }[] } }>(
      rest.request("POST", `/${INDEX}/_search`, nearestQuery(queryVector(q), K, { efSearch })),
    );
    latencies.push(performance.now() - started);
    found.push(reply.hits.hits.map((hit) => Number(hit._id.slice(1))));
  }
  const { p50, p95 } = summarize(latencies);
  const recall = recallAtK(found, truth, K).toFixed(3);
  console.log(
    `${efSearch ?? `default (${K})`} | ${recall} | ${p50.toFixed(1)} | ${p95.toFixed(1)}`,
  );
}
await rest.request("DELETE", `/${INDEX}`);
