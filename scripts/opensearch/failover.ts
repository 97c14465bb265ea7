/**
 * What searches and writes meet while one of two nodes dies and comes back: a two-node cluster
 * (cluster.sh start --nodes 2), an index of 2 shards with 1 replica (each node holds a primary),
 * searches every 50 ms and a write every second through node 0, `cluster.sh kill-node 1` after
 * 3 s, `cluster.sh start-node 1` 20 s later (`--node 0 --url` of node 1: the cluster manager dies). Prints each change of what a search returned and of
 * the cluster's health, then a summary. Bounded: it stops on its own after about a minute.
 *
 *   bash scripts/opensearch/cluster.sh start --nodes 2
 *   npx tsx scripts/opensearch/failover.ts [--cluster paperchat-test] [--url URL] [--node 1]
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import type { BulkReply } from "./paper-requests.ts";
import { bulkFailures, bulkIndexBody, nearestQuery, paperIndexBody } from "./paper-requests.ts";
import { openSearchRest } from "./rest.ts";
import { syntheticPapers } from "./synthetic-papers.ts";

const { values: flags } = parseArgs({
  options: {
    url: { type: "string", default: process.env.OPENSEARCH_URL ?? "http://127.0.0.1:9250" },
    cluster: { type: "string", default: process.env.OPENSEARCH_CLUSTER ?? "paperchat-test" },
    // The node to kill; --url must then be another node's (node 1's is base port + 1).
    node: { type: "string", default: "1" },
  },
});
const DIMS = 384;
const PAPERS = 2000;
const INDEX = "failover-papers";
const KILL_AT_MS = 3000;
const DOWN_FOR_MS = 20_000;
const AFTER_MS = 5000;
const rest = openSearchRest({ url: flags.url, timeoutMs: 120_000 });
const victim = Number(flags.node);
const clusterScript = fileURLToPath(new URL("./cluster.sh", import.meta.url));

async function cluster(verb: string, node: number): Promise<void> {
  await promisify(execFile)("bash", [
    clusterScript,
    verb,
    String(node),
    "--cluster",
    flags.cluster,
  ]);
}

async function ok<Body>(reply: Promise<{ status: number; body: unknown }>): Promise<Body> {
  const { status, body } = await reply;
  if (status >= 300) throw new Error(`${status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body as Body;
}

const health = await ok<{ number_of_data_nodes: number }>(rest.request("GET", "/_cluster/health"));
if (health.number_of_data_nodes < 2) throw new Error("needs two nodes: cluster.sh start --nodes 2");
const { documents, vectors } = syntheticPapers({ count: PAPERS, dims: DIMS, seed: 3 });
await rest.request("DELETE", `/${INDEX}`);
await ok(
  rest.request(
    "PUT",
    `/${INDEX}`,
    paperIndexBody({ dims: DIMS, shards: 2, replicas: 1, model: "failover" }),
  ),
);
for (let i = 0; i < PAPERS; i += 500) {
  const batch = documents.slice(i, i + 500);
  const reply = await ok<BulkReply>(rest.request("POST", "/_bulk", bulkIndexBody(INDEX, batch)));
  if (bulkFailures(reply).length > 0) throw new Error(JSON.stringify(bulkFailures(reply)[0]));
}
await ok(rest.request("POST", `/${INDEX}/_refresh`));
await ok(rest.request("GET", `/_cluster/health/${INDEX}?wait_for_status=green&timeout=60s`));

/** What one search came back with, reduced to what matters here. */
function outcome(status: number, body: unknown): string {
  const reply = body as {
    _shards?: { failed: number; total: number };
    hits?: { hits: unknown[] };
    error?: { type: string };
  };
  if (status !== 200) return `${status} ${reply.error?.type ?? String(body).slice(0, 80)}`;
  const failed = reply._shards!.failed;
  return `200, ${reply.hits!.hits.length} hits${failed ? `, ${failed}/${reply._shards!.total} shards failed` : ""}`;
}

const started = performance.now();
const now = () => Math.round(performance.now() - started);
const events: string[] = [];
const log = (line: string) => {
  events.push(`${String(now()).padStart(6)} ms  ${line}`);
};
let killedAt = 0;
let restartedAt = 0;
let backAt = 0;
const searches: { at: number; ms: number; outcome: string }[] = [];
const writes: { at: number; ms: number; outcome: string }[] = [];
let running = true;

async function searchLoop(): Promise<void> {
  let last = "";
  for (let q = 0; running; q++) {
    const at = now();
    let result: string;
    try {
      const vector = vectors.subarray((q % PAPERS) * DIMS, ((q % PAPERS) + 1) * DIMS);
      const reply = await rest.request("POST", `/${INDEX}/_search`, nearestQuery(vector, 10), {
        timeoutMs: 30_000,
      });
      result = outcome(reply.status, reply.body);
    } catch (error) {
      result = `thrown ${(error as Error).name}: ${(error as Error).message}`;
    }
    searches.push({ at, ms: now() - at, outcome: result });
    if (result !== last) log(`search: ${result} (took ${now() - at} ms)`);
    last = result;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function writeLoop(): Promise<void> {
  for (let w = 0; running; w++) {
    const at = now();
    const paper = { ...documents[w % PAPERS]!, id: `write-${w}` };
    let result: string;
    try {
      const reply = await rest.request<BulkReply>("POST", "/_bulk", bulkIndexBody(INDEX, [paper]), {
        timeoutMs: 30_000,
      });
      const failures = reply.status === 200 ? bulkFailures(reply.body) : [];
      result =
        reply.status !== 200
          ? `${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`
          : failures.length
            ? `item ${failures[0]!.status} ${failures[0]!.type}: ${failures[0]!.reason}`
            : "ok";
    } catch (error) {
      result = `thrown ${(error as Error).name}: ${(error as Error).message}`;
    }
    writes.push({ at, ms: now() - at, outcome: result });
    if (result !== "ok" || now() - at > 1000) log(`write: ${result} (took ${now() - at} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function healthLoop(): Promise<void> {
  let last = "";
  while (running) {
    const reply = await rest
      .request<{ status: string; number_of_nodes: number; unassigned_shards: number }>(
        "GET",
        "/_cluster/health",
        undefined,
        { timeoutMs: 5000 },
      )
      .catch((error: Error) => ({
        status: 0,
        body: { status: error.name, number_of_nodes: 0, unassigned_shards: 0 },
      }));
    const { status, number_of_nodes: nodes, unassigned_shards: unassigned } = reply.body;
    const line = `health: ${status}, ${nodes} node(s), ${unassigned} unassigned shard(s)`;
    if (line !== last) log(line);
    if (restartedAt && !backAt && status === "green") backAt = now();
    last = line;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const loops = [searchLoop(), writeLoop(), healthLoop()];
await new Promise((resolve) => setTimeout(resolve, KILL_AT_MS));
await cluster("kill-node", victim);
killedAt = now();
log(`node ${victim} killed (SIGKILL)`);
await new Promise((resolve) => setTimeout(resolve, DOWN_FOR_MS));
restartedAt = now();
log(`starting node ${victim} again`);
await cluster("start-node", victim);
log(`cluster.sh start-node ${victim} returned`);
await new Promise((resolve) => setTimeout(resolve, AFTER_MS));
running = false;
await Promise.all(loops);

const counted = await ok<{ count: number }>(rest.request("GET", `/${INDEX}/_count`));
await rest.request("DELETE", `/${INDEX}`);
console.log(events.join("\n"));
const during = searches.filter((s) => s.at >= killedAt && s.at < restartedAt);
const bad = searches.filter((s) => !/^200, 10 hits$/.test(s.outcome));
const slowest = Math.max(...during.map((s) => s.ms));
console.log(
  `\n${searches.length} searches, ${bad.length} not a full 200 (10 hits, no failed shard);` +
    ` ${during.length} while node ${victim} was down, the slowest ${slowest} ms.` +
    `\n${writes.length} writes, ${writes.filter((w) => w.outcome !== "ok").length} failed,` +
    ` the slowest ${Math.max(...writes.map((w) => w.ms))} ms.` +
    `\nGreen again ${backAt ? `${backAt - restartedAt} ms after the restart began` : "not seen"};` +
    ` ${counted.count} papers counted (${PAPERS} + ${writes.length} written).`,
);
