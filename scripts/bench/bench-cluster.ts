import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

/** A real OpenSearch cluster that a bench section started (scripts/opensearch/cluster.sh). */
export interface BenchCluster {
  /** Node 0's HTTP URL. */
  url: string;
  nodes: number;
  /** The resident memory of the nodes running now (`VmRSS` of each JVM), summed, in MiB. */
  rssMb(): number;
  /** Waits until every shard has all its copies (green); the seconds that took. */
  waitForGreen(): Promise<number>;
  /** SIGKILLs node `node` (`cluster.sh kill-node`). */
  killNode(node: number): Promise<void>;
  /** Stops every node and waits for them to exit. */
  stop(): Promise<void>;
}

export interface BenchClusterOptions {
  repoRoot: string;
  /** `--cluster`: its data, logs and pid files live in `.cache/opensearch/<name>/`. */
  name: string;
  nodes: number;
  /** Node i listens on HTTP `basePort + i` and transport `basePort + 100 + i`. */
  basePort: number;
}

/** The `VmRSS` of a process in MiB, 0 when it is gone. */
function rssOfPid(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/**
 * Starts a fresh cluster of `nodes` nodes for a bench: stops one of the same name left over
 * from a run that died, deletes its data (so that no earlier build is found up to date), starts
 * it and waits for its health. The caller must `stop()` it (in a `finally`).
 *
 * @example
 * const cluster = await startBenchCluster({ repoRoot, name: "paperchat-bench", nodes: 2, basePort: 9300 });
 * try { ... } finally { await cluster.stop(); }
 */
export async function startBenchCluster(options: BenchClusterOptions): Promise<BenchCluster> {
  const script = join(options.repoRoot, "scripts/opensearch/cluster.sh");
  const clusterDir = join(options.repoRoot, ".cache/opensearch", options.name);
  const run = (...args: string[]) =>
    promisify(execFile)("bash", [script, ...args, "--cluster", options.name], {
      cwd: options.repoRoot,
      maxBuffer: 1 << 24,
    });
  if (existsSync(join(clusterDir, "cluster.conf"))) {
    await run("stop");
    await run("clean");
  }
  const nodes = String(options.nodes);
  const started = await run("start", "--nodes", nodes, "--base-port", String(options.basePort))
    // A start that failed half-way may have left some nodes running.
    .catch(async (error: Error) => {
      await run("stop").catch(() => undefined);
      throw error;
    });
  const url = started.stdout.trim().split("\n").at(-1)!;
  const pidOf = (node: number) => {
    const file = join(clusterDir, `node-${node}`, "pid");
    return existsSync(file) ? Number(readFileSync(file, "utf8")) : undefined;
  };
  return {
    url,
    nodes: options.nodes,
    rssMb: () =>
      Array.from({ length: options.nodes }, (_, node) => pidOf(node))
        .filter((pid): pid is number => pid !== undefined)
        .reduce((sum, pid) => sum + rssOfPid(pid), 0),
    waitForGreen: async () => {
      const waited = performance.now();
      const reply = await fetch(`${url}/_cluster/health?wait_for_status=green&timeout=900s`, {
        signal: AbortSignal.timeout(960_000),
      });
      const health = (await reply.json()) as { status: string };
      if (health.status !== "green") throw new Error(`the cluster is ${health.status}, not green`);
      return (performance.now() - waited) / 1000;
    },
    killNode: async (node) => {
      await run("kill-node", String(node));
    },
    stop: async () => {
      await run("stop");
    },
  };
}
