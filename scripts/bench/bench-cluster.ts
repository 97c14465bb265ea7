import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { residentMb } from "./processes.ts";

/** A real OpenSearch cluster that a bench section started (see `startBenchCluster`). */
export type BenchCluster = Awaited<ReturnType<typeof startBenchCluster>>;

/**
 * `OPENSEARCH_JAVA_HOME`, else the newest JDK from 20 on in /usr/lib/jvm, else none (PATH's).
 *
 * @example
 * benchJavaHome(); // "/usr/lib/jvm/temurin-25-jdk-amd64"
 */
export function benchJavaHome(): string | undefined {
  if (process.env.OPENSEARCH_JAVA_HOME) return process.env.OPENSEARCH_JAVA_HOME;
  const jvms = "/usr/lib/jvm";
  const jdks = (existsSync(jvms) ? readdirSync(jvms) : []).flatMap((name) => {
    const release = join(jvms, name, "release");
    if (!existsSync(release)) return [];
    const version = /^JAVA_VERSION="(\d+)/m.exec(readFileSync(release, "utf8"))?.[1];
    return version ? [{ home: join(jvms, name), version: Number(version) }] : [];
  });
  return jdks.sort((a, b) => b.version - a.version).find((jdk) => jdk.version >= 20)?.home;
}

/** What node 0's log says of its JDK ("JVM[vendor/vm/version/…]") and of Lucene's vector code. */
function jdkOf(clusterDir: string): string {
  const log = readFileSync(join(clusterDir, "node-0/logs/stdout.log"), "utf8");
  const [vendor, , version] = /JVM\[([^\]]*)\]/.exec(log)?.[1]?.split("/") ?? [];
  const simd = log.includes("Java vector incubator API enabled") ? "on (SIMD)" : "off";
  return `${vendor ?? "unknown"} JDK ${version ?? "?"}, Lucene's vector API ${simd}`;
}

/**
 * Starts a fresh cluster with scripts/opensearch/cluster.sh; the caller must `stop()` it.
 *
 * @example
 * const cluster = await startBenchCluster({ repoRoot, name: "paperchat-bench", nodes: 2, basePort: 9300 });
 */
export async function startBenchCluster(options: {
  repoRoot: string;
  name: string;
  nodes: number;
  basePort: number;
  /** `cluster.sh --java-home`; default the java on PATH. */
  javaHome?: string;
}) {
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
  const ports = ["--nodes", `${nodes}`, "--base-port", `${options.basePort}`];
  const started = await run("start", ...ports, ...jdk).catch(async (error: Error) => {
    // A start that failed half-way may have left some nodes running.
    await run("stop").catch(() => undefined);
    throw error;
  });
  const url = started.stdout.trim().split("\n").at(-1)!;
  const pidFiles = Array.from({ length: nodes }, (_, node) => join(clusterDir, `node-${node}/pid`));
  return {
    /** Node 0's HTTP URL. */
    url,
    nodes,
    /** The JDK the nodes run on, and whether Lucene computes vector distances with SIMD. */
    jdk: jdkOf(clusterDir),
    /** The nodes' resident memory, summed, in MiB. */
    rssMb: () =>
      pidFiles
        .filter((file) => existsSync(file))
        .reduce((sum, file) => sum + residentMb(Number(readFileSync(file, "utf8"))), 0),
    /** Waits until every shard has all its copies; the seconds that took. */
    waitForGreen: async () => {
      const waited = performance.now();
      const reply = await fetch(`${url}/_cluster/health?wait_for_status=green&timeout=900s`, {
        signal: AbortSignal.timeout(960_000),
      });
      const health = (await reply.json()) as { status: string };
      if (health.status !== "green") throw new Error(`the cluster is ${health.status}, not green`);
      return (performance.now() - waited) / 1000;
    },
    /** Waits until no node is merging segments (a merge rebuilds HNSW graphs); the seconds. */
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
    killNode: async (node: number) => {
      await run("kill-node", String(node));
    },
    stop: async () => {
      await run("stop");
    },
  };
}
