import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { residentMb } from "./processes.ts";

/** A real OpenSearch cluster that a bench section started (scripts/opensearch/cluster.sh). */
export interface BenchCluster {
  /** Node 0's HTTP URL. */
  url: string;
  nodes: number;
  /** The JDK the nodes run on, and whether Lucene computes vector distances with SIMD. */
  jdk: string;
  /** The resident memory of the nodes running now (`VmRSS` of each JVM), summed, in MiB. */
  rssMb(): number;
  /** Waits until every shard has all its copies (green); the seconds that took. */
  waitForGreen(): Promise<number>;
  /**
   * Waits until no node is merging segments (the merges that follow a build rebuild HNSW graphs
   * and take the cores from searches); the seconds that took.
   */
  waitForMerges(): Promise<number>;
  /** SIGKILLs node `node` (`cluster.sh kill-node`). */
  killNode(node: number): Promise<void>;
  /** Stops every node and waits for them to exit. */
  stop(): Promise<void>;
}

/** The JDKs of a folder such as /usr/lib/jvm: each one's home and feature version, newest first. */
function jdksIn(folder: string): { home: string; version: number }[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((name) => join(folder, name))
    .flatMap((home) => {
      const release = join(home, "release");
      if (!existsSync(release)) return [];
      const version = /^JAVA_VERSION="(\d+)/m.exec(readFileSync(release, "utf8"))?.[1];
      return version ? [{ home, version: Number(version) }] : [];
    })
    .sort((a, b) => b.version - a.version);
}

/**
 * The JDK a bench cluster runs on: `OPENSEARCH_JAVA_HOME` if set, else the newest JDK of
 * /usr/lib/jvm from 20 on, else the java on PATH (undefined). OpenSearch's own distribution
 * runs on its bundled JDK 21 with the vector module, so Lucene's SIMD vector code is what a
 * real cluster measures; on JDK 17 that code is off (docs/benchmarks.md).
 *
 * @example
 * benchJavaHome(); // "/usr/lib/jvm/temurin-25-jdk-amd64"
 */
export function benchJavaHome(): string | undefined {
  if (process.env.OPENSEARCH_JAVA_HOME) return process.env.OPENSEARCH_JAVA_HOME;
  return jdksIn("/usr/lib/jvm").find((jdk) => jdk.version >= 20)?.home;
}

/** What node 0's log says of its JDK ("JVM[vendor/vm/version/…]") and of Lucene's vector code. */
function jdkOf(clusterDir: string): string {
  const log = readFileSync(join(clusterDir, "node-0/logs/stdout.log"), "utf8");
  const [vendor, , version] = /JVM\[([^\]]*)\]/.exec(log)?.[1]?.split("/") ?? [];
  const simd = log.includes("Java vector incubator API enabled") ? "on (SIMD)" : "off";
  return `${vendor ?? "unknown"} JDK ${version ?? "?"}, Lucene's vector API ${simd}`;
}

/**
 * Starts a fresh cluster `name` of `nodes` nodes for a bench, node i on HTTP port `basePort + i`
 * (its data, logs and pid files in `.cache/opensearch/<name>/`): stops one of the same name left
 * over from a run that died, deletes its data (so that no earlier build is found up to date),
 * starts it and waits for its health. The caller must `stop()` it (in a `finally`).
 *
 * @example
 * const cluster = await startBenchCluster({ repoRoot, name: "paperchat-bench", nodes: 2, basePort: 9300 });
 * try { ... } finally { await cluster.stop(); }
 */
export async function startBenchCluster(options: {
  repoRoot: string;
  name: string;
  nodes: number;
  basePort: number;
  /** The JDK's folder (`cluster.sh --java-home`); default the java on PATH. */
  javaHome?: string;
}): Promise<BenchCluster> {
  const { repoRoot, name, nodes, javaHome } = options;
  const clusterDir = join(repoRoot, ".cache/opensearch", name);
  const script = join(repoRoot, "scripts/opensearch/cluster.sh");
  const run = (...args: string[]) =>
    promisify(execFile)("bash", [script, ...args, "--cluster", name], {
      cwd: repoRoot,
      maxBuffer: 1 << 24,
    });
  if (existsSync(join(clusterDir, "cluster.conf"))) {
    await run("stop");
    await run("clean");
  }
  const jdk = javaHome ? ["--java-home", javaHome] : [];
  const started = await run(
    "start",
    "--nodes",
    `${nodes}`,
    "--base-port",
    `${options.basePort}`,
    ...jdk,
  )
    // A start that failed half-way may have left some nodes running.
    .catch(async (error: Error) => {
      await run("stop").catch(() => undefined);
      throw error;
    });
  const url = started.stdout.trim().split("\n").at(-1)!;
  const pidFiles = Array.from({ length: nodes }, (_, node) => join(clusterDir, `node-${node}/pid`));
  return {
    url,
    nodes,
    jdk: jdkOf(clusterDir),
    rssMb: () =>
      pidFiles
        .filter((file) => existsSync(file))
        .reduce((sum, file) => sum + residentMb(Number(readFileSync(file, "utf8"))), 0),
    waitForGreen: async () => {
      const waited = performance.now();
      const reply = await fetch(`${url}/_cluster/health?wait_for_status=green&timeout=900s`, {
        signal: AbortSignal.timeout(960_000),
      });
      const health = (await reply.json()) as { status: string };
      if (health.status !== "green") throw new Error(`the cluster is ${health.status}, not green`);
      return (performance.now() - waited) / 1000;
    },
    waitForMerges: async () => {
      const waited = performance.now();
      // Two quiet looks a second apart: one merge can end just as the next is chosen.
      for (let quiet = 0; quiet < 2; ) {
        if (performance.now() - waited > 900_000)
          throw new Error("merges still running after 900 s");
        await new Promise((done) => setTimeout(done, 1000));
        const reply = await fetch(`${url}/_nodes/stats/indices/merge`);
        if (!reply.ok) throw new Error(`merge statistics: ${reply.status} ${await reply.text()}`);
        const stats = (await reply.json()) as {
          nodes: Record<string, { indices: { merges: { current: number } } }>;
        };
        const merging = Object.values(stats.nodes).some((node) => node.indices.merges.current > 0);
        quiet = merging ? 0 : quiet + 1;
      }
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
