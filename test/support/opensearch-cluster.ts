import { execFile } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const CLUSTER_SH = resolve(import.meta.dirname, "../../scripts/opensearch/cluster.sh");

/**
 * Whether the tests that need a real OpenSearch cluster run: `PAPERCHAT_TEST_CLUSTERS=1`, or
 * always under `CI=true` (where a cluster that will not start fails them loudly).
 */
export const CLUSTER_TESTS =
  process.env.PAPERCHAT_TEST_CLUSTERS === "1" || process.env.CI === "true";

/**
 * Warns, once per file, that its cluster tests are skipped and how to run them; returns whether
 * they are skipped (for `describe.skipIf`).
 *
 * @example
 * describe.skipIf(clusterTestsSkipped("the failover test"))("failover", () => { … });
 */
export function clusterTestsSkipped(what: string): boolean {
  if (CLUSTER_TESTS) return false;
  console.warn(
    `Skipping ${what}, which needs real OpenSearch clusters (Java 17 and Maven; started and stopped by scripts/opensearch/cluster.sh). Run it with PAPERCHAT_TEST_CLUSTERS=1 npx vitest run <file>.`,
  );
  return true;
}

/** A cluster a test file started (or one it was given, which it must not stop). */
export interface OpenSearchCluster {
  /** The HTTP URL of node 0. */
  url: string;
  /** SIGKILLs node `i` (not node 0: it is the only cluster manager). */
  killNode(i: number): Promise<void>;
  /** Starts node `i` again and waits until the cluster is healthy with it. */
  startNode(i: number): Promise<void>;
  /** Stops every node this helper started (nothing, for a cluster given by `OPENSEARCH_URL`). */
  stop(): Promise<void>;
}

export interface StartClusterOptions {
  /** `--cluster`: names its folder under .cache/opensearch/ and the cluster itself. */
  name: string;
  nodes?: number;
  /** Node i answers HTTP on basePort + i, transport on basePort + 100 + i. */
  basePort: number;
  /** Without the k-NN plugin (what a cluster that lacks it answers). */
  withoutKnn?: boolean;
}

/**
 * The clusters of their own that test files start: CI starts them beforehand, while it installs
 * and checks (`test/support/test-clusters.ts start`), and names them in
 * `PAPERCHAT_TEST_CLUSTERS_STARTED`; {@link startCluster} then takes them as they are.
 */
export const OWN_CLUSTERS = {
  /** Two nodes, one of which the failover test kills. */
  failover: { name: "paperchat-failover", nodes: 2, basePort: 9270 },
  /** What a cluster without the k-NN plugin answers. */
  withoutKnn: { name: "paperchat-noknn", basePort: 9280, withoutKnn: true },
} satisfies Record<string, StartClusterOptions>;

/** Whether `name` was started fresh for this run before the tests (by CI). */
const startedBeforehand = (name: string) =>
  (process.env.PAPERCHAT_TEST_CLUSTERS_STARTED ?? "").split(/[\s,]+/).includes(name);

async function clusterSh(verb: string, name: string, ...args: string[]): Promise<string> {
  const { stdout } = await run("bash", [CLUSTER_SH, verb, "--cluster", name, ...args], {
    maxBuffer: 1 << 20,
  });
  return stdout.trim();
}

const TARGET = resolve(CLUSTER_SH, "../target");
const BUILD_LOCK = resolve(CLUSTER_SH, "../../../.cache/opensearch/build.lock");
/** A lock older than this was left by a run that died while building. */
const STALE_LOCK_MS = 300_000;

/** Builds the node once, whichever test file asks first (files start their clusters at once). */
async function builtOnce(): Promise<void> {
  for (;;) {
    if (existsSync(resolve(TARGET, "built"))) return;
    try {
      mkdirSync(resolve(BUILD_LOCK, ".."), { recursive: true });
      mkdirSync(BUILD_LOCK);
    } catch {
      const lockedAt = statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - lockedAt > STALE_LOCK_MS)
        rmSync(BUILD_LOCK, { recursive: true, force: true });
      await new Promise((done) => setTimeout(done, 1000));
      continue;
    }
    try {
      if (!existsSync(resolve(TARGET, "built"))) await run("bash", [CLUSTER_SH, "build"]);
    } finally {
      rmSync(BUILD_LOCK, { recursive: true, force: true });
    }
  }
}

/**
 * Starts a fresh cluster through scripts/opensearch/cluster.sh (building the node first if it
 * was never built): a cluster of the same name left running or on disk by an earlier run is
 * stopped and wiped first, so every run starts empty. One started fresh for this run beforehand
 * (named in `PAPERCHAT_TEST_CLUSTERS_STARTED`) is taken as it is.
 *
 * @example
 * let cluster: OpenSearchCluster;
 * beforeAll(async () => {
 *   cluster = await startCluster(OWN_CLUSTERS.failover);
 * }, 180_000);
 * afterAll(() => cluster?.stop());
 */
export async function startCluster(options: StartClusterOptions): Promise<OpenSearchCluster> {
  const { name } = options;
  // `start` on a running cluster waits until it is healthy and prints its URL.
  const url = startedBeforehand(name) ? await start(options) : await startFresh(options);
  return {
    url,
    killNode: async (i) => void (await clusterSh("kill-node", name, String(i))),
    startNode: async (i) => void (await clusterSh("start-node", name, String(i))),
    stop: async () => {
      await clusterSh("stop", name);
      await clusterSh("clean", name);
    },
  };
}

/** Stops and wipes the cluster `name` if it runs or left data. */
async function wipe(name: string): Promise<void> {
  await clusterSh("stop", name).catch(() => undefined);
  await clusterSh("clean", name).catch(() => undefined);
}

/** Stops and wipes any cluster of this name, then starts it: the URL of node 0. */
async function startFresh(options: StartClusterOptions): Promise<string> {
  await builtOnce();
  await wipe(options.name);
  return start(options);
}

/** `cluster.sh start` with these options: the URL of node 0 once the cluster is healthy. */
function start(options: StartClusterOptions): Promise<string> {
  return clusterSh(
    "start",
    options.name,
    "--nodes",
    String(options.nodes ?? 1),
    "--base-port",
    String(options.basePort),
    "--timeout",
    "240",
    ...(options.withoutKnn ? ["--without-knn"] : []),
  );
}

/**
 * Starts every cluster of {@link OWN_CLUSTERS} fresh, at once: what CI does before the tests
 * (`npx tsx test/support/test-clusters.ts start`). Resolves with their names.
 *
 * @example
 * process.env.PAPERCHAT_TEST_CLUSTERS_STARTED = (await startOwnClusters()).join(" ");
 */
export async function startOwnClusters(): Promise<string[]> {
  const all = Object.values(OWN_CLUSTERS);
  await Promise.all(all.map((options) => startFresh(options)));
  return all.map(({ name }) => name);
}

/**
 * Stops and wipes every cluster of {@link OWN_CLUSTERS} that runs or left data.
 *
 * @example
 * await stopOwnClusters();
 */
export async function stopOwnClusters(): Promise<void> {
  await Promise.all(Object.values(OWN_CLUSTERS).map(({ name }) => wipe(name)));
}

/**
 * The 1-node cluster at `OPENSEARCH_URL` (CI's, with the k-NN plugin) when one is given, or a
 * cluster of this file's own otherwise. Give each test its own index prefix: the cluster is shared.
 *
 * @example
 * const cluster = await givenOrOwnCluster({ name: "paperchat-parts", basePort: 9285 });
 */
export async function givenOrOwnCluster(options: StartClusterOptions): Promise<OpenSearchCluster> {
  const given = process.env.OPENSEARCH_URL;
  if (!given) return startCluster(options);
  const refuse = () => Promise.reject(new Error(`${given} is not this test's cluster`));
  return {
    url: given.replace(/\/$/, ""),
    killNode: refuse,
    startNode: refuse,
    stop: async () => {},
  };
}
