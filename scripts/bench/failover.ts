import type { BenchCluster } from "./bench-cluster.ts";

/** A search sent while a node died: when (ms from the start), its status, and `Retry-After`. */
export type SearchOutcome = { sentAt: number; status?: number; retryAfter: boolean };

/**
 * The failover errors among searches sent while a node died (docs/benchmarks.md).
 *
 * @example
 * countFailoverErrors([{ sentAt: 10, status: 503, retryAfter: true }, { sentAt: 900, status: 500, retryAfter: false }], 500);
 * // { inWindow: 0, afterWindow: 1, retryLater: 1 }
 */
export function countFailoverErrors(outcomes: readonly SearchOutcome[], windowEndsAt: number) {
  const counts = { inWindow: 0, afterWindow: 0, retryLater: 0 };
  for (const { sentAt, status, retryAfter } of outcomes) {
    const ok = status !== undefined && status >= 200 && status < 300;
    if (sentAt >= windowEndsAt) {
      if (!ok) counts.afterWindow += 1;
    } else if (status === 503 && retryAfter) {
      counts.retryLater += 1;
    } else if (!ok && (status === undefined || status >= 500)) {
      counts.inWindow += 1;
    }
  }
  return counts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The longest a failover may take before the run gives up on it. */
const FAILOVER_LIMIT_MS = 120_000;

/** Waits until the cluster has `nodes` nodes and `index` its primary (others may stay red). */
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
 * Searches from `clients` clients through a server while node `node` is SIGKILLed.
 *
 * @example
 * const run = await runFailover({ serverUrl, cluster, index: "bench-papers", node: 1, paths, clients: 4, hangMs: 10_000, beforeMs: 3000, afterMs: 15_000 });
 */
export async function runFailover(options: {
  serverUrl: string;
  cluster: BenchCluster;
  index: string;
  node: number;
  paths: readonly string[];
  clients: number;
  hangMs: number;
  beforeMs: number;
  afterMs: number;
}) {
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
