import type { BenchCluster } from "./bench-cluster.ts";
import { countFailoverErrors, type FailoverErrors, type SearchOutcome } from "./failover-errors.ts";

export interface FailoverRunOptions {
  /** The paperchat server, serving the cluster's index. */
  serverUrl: string;
  cluster: BenchCluster;
  /** The index (or alias) the server serves: the window ends when it has its primary again. */
  index: string;
  /** The node killed (not node 0: it is the only cluster-manager-eligible one). */
  node: number;
  /** `/api/search` paths, sent round-robin. */
  paths: readonly string[];
  /** Clients searching at once, each sending its next search when the last one answered. */
  clients: number;
  /** A search without an answer after this long is a hang. */
  hangMs: number;
  /** Searches before the kill, and after the failover window. */
  beforeMs: number;
  afterMs: number;
}

export interface FailoverRun extends FailoverErrors {
  searches: number;
  /** Milliseconds from the kill until the cluster reported the node gone and no shard missing. */
  windowMs: number;
  /** Outcomes by kind (`200`, `503+Retry-After`, `hang`, …), for the notes. */
  byOutcome: Record<string, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The longest a failover may take before the run gives up on it. */
const FAILOVER_LIMIT_MS = 120_000;

/**
 * Polls the health of the served index until the cluster has `nodes` nodes and the index has
 * its primary (not red). Other indexes do not count: one without a replica on the dead node stays
 * red. Throws after two minutes.
 */
async function failedOver(clusterUrl: string, index: string, nodes: number): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < FAILOVER_LIMIT_MS) {
    try {
      const reply = await fetch(`${clusterUrl}/_cluster/health/${index}`, {
        signal: AbortSignal.timeout(5000),
      });
      const health = (await reply.json()) as { number_of_nodes: number; status: string };
      if (health.number_of_nodes === nodes && health.status !== "red") return;
    } catch {
      // Node 0 busy or not answering yet: ask again.
    }
    await sleep(100);
  }
  throw new Error(`${index} had not failed over ${FAILOVER_LIMIT_MS / 1000} s after the kill`);
}

/**
 * Searches through a paperchat server from several clients while one node of its cluster is
 * SIGKILLed: `beforeMs` of searches, the kill, searches until the cluster has failed over (its
 * health shows the node gone and no primary missing), then `afterMs` more; every search's
 * outcome counted by {@link countFailoverErrors}. The node stays down (the caller stops the
 * cluster).
 *
 * @example
 * const run = await runFailover({ serverUrl, cluster, index: "bench-papers", node: 1, paths, clients: 4, hangMs: 10_000, beforeMs: 3000, afterMs: 15_000 });
 */
export async function runFailover(options: FailoverRunOptions): Promise<FailoverRun> {
  const started = performance.now();
  const now = () => performance.now() - started;
  const outcomes: SearchOutcome[] = [];
  let next = 0;
  let running = true;
  const client = async () => {
    while (running) {
      const path = options.paths[next++ % options.paths.length]!;
      const sentAt = now();
      try {
        const reply = await fetch(options.serverUrl + path, {
          signal: AbortSignal.timeout(options.hangMs),
        });
        await reply.arrayBuffer();
        outcomes.push({
          sentAt,
          status: reply.status,
          retryAfter: reply.headers.has("retry-after"),
        });
      } catch {
        outcomes.push({ sentAt, retryAfter: false });
      }
    }
  };
  const clients = Array.from({ length: options.clients }, client);
  let killedAt = 0;
  let windowEndsAt = 0;
  try {
    await sleep(options.beforeMs);
    killedAt = now();
    await options.cluster.killNode(options.node);
    await failedOver(options.cluster.url, options.index, options.cluster.nodes - 1);
    windowEndsAt = now();
    await sleep(options.afterMs);
  } finally {
    // Also when the kill or the failover fails: no client may go on searching.
    running = false;
    await Promise.all(clients);
  }
  const byOutcome: Record<string, number> = {};
  for (const { status, retryAfter } of outcomes) {
    const kind =
      status === undefined
        ? "hang or no connection"
        : `${status}${retryAfter ? "+Retry-After" : ""}`;
    byOutcome[kind] = (byOutcome[kind] ?? 0) + 1;
  }
  return {
    ...countFailoverErrors(outcomes, windowEndsAt),
    searches: outcomes.length,
    windowMs: windowEndsAt - killedAt,
    byOutcome,
  };
}
