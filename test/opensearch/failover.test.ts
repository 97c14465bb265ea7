import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClusterClient } from "../../src/store/opensearch/cluster-client.ts";
import { type PaperchatProcess, spawnPaperchat } from "../reliability/support/paperchat-process.ts";
import {
  clusterTestsSkipped,
  type OpenSearchCluster,
  OWN_CLUSTERS,
  startCluster,
} from "../support/opensearch-cluster.ts";
import { TINY_MODEL, tempDir } from "../support/tiny-index.ts";

/** A search that has not answered by then hangs (a healthy answer takes well under a second). */
const CLIENT_TIMEOUT_MS = 15_000;
/** Searches that must all answer 200 once the cluster has failed over, and once node 1 is back. */
const SETTLED_SEARCHES = 30;
/** Searches at once while the node dies. */
const SEARCHERS = 4;
const QUESTIONS = ["graph neural networks", "reverse feature pyramid", "language model agents"];

/** What one search through the server got: a status, or `hang` when the client gave up. */
interface Outcome {
  status: number | "hang";
  retryAfter: string | null;
}

describe.skipIf(clusterTestsSkipped("the failover test"))(
  "paperchat serve while one of two OpenSearch nodes dies (the index has one replica)",
  () => {
    let cluster: OpenSearchCluster;
    let server: PaperchatProcess | undefined;
    let url: string;
    let turn = 0;

    async function search(): Promise<Outcome> {
      const q = encodeURIComponent(QUESTIONS[turn++ % QUESTIONS.length]!);
      try {
        const response = await fetch(`${url}/api/search?q=${q}&k=5`, {
          signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
        });
        await response.arrayBuffer();
        return { status: response.status, retryAfter: response.headers.get("retry-after") };
      } catch (error) {
        if ((error as Error).name === "TimeoutError") return { status: "hang", retryAfter: null };
        throw error;
      }
    }

    beforeAll(async () => {
      cluster = await startCluster(OWN_CLUSTERS.failover);
      const env = {
        PAPERCHAT_MODEL: TINY_MODEL,
        PAPERCHAT_OFFLINE: "1",
        PAPERCHAT_INDEX_DIR: tempDir("paperchat-index-"),
        PAPERCHAT_CACHE_DIR: tempDir("paperchat-cache-"),
        PAPERCHAT_STORE: cluster.url,
      };
      const built = await spawnPaperchat(["index"], env).ended;
      expect(built.code, built.stderr).toBe(0);
      server = spawnPaperchat(["serve", "--port", "0", "--host", "127.0.0.1"], env);
      const serving = await server.line(/serving .* at http:\/\/\S+/);
      url = /at (http:\/\/\S+)/.exec(serving)![1]!;
    }, 240_000);

    afterAll(async () => {
      server?.child.kill("SIGTERM");
      await server?.ended;
      await cluster?.stop();
    });

    it("publishes the index with one replica, on the other node than its primary", async () => {
      const client = createClusterClient({ url: cluster.url });
      await client.request(
        "GET",
        "/_cluster/health/paperchat-papers?wait_for_status=green&timeout=60s",
      );
      const { body } = await client.request<{ shard: string; prirep: string; node: string }[]>(
        "GET",
        "/_cat/shards/paperchat-papers?format=json&h=shard,prirep,node,state",
      );
      expect(body.map((shard) => shard.prirep).sort()).toEqual(["p", "r"]);
      expect(new Set(body.map((shard) => shard.node)).size).toBe(2);
    });

    it("has the primary on node 1, the node that dies, so that failing over promotes the replica", async () => {
      const client = createClusterClient({ url: cluster.url });
      const primaryNode = async () =>
        (
          await client.request<{ prirep: string; node: string }[]>(
            "GET",
            "/_cat/shards/paperchat-papers?format=json&h=prirep,node",
          )
        ).body.find((shard) => shard.prirep === "p")!.node;
      if ((await primaryNode()) === "node-0") {
        const { body } = await client.request<Record<string, unknown>>("GET", "/paperchat-papers");
        const [index] = Object.keys(body);
        await client.request("POST", "/_cluster/reroute", {
          commands: [{ cancel: { index, shard: 0, node: "node-0", allow_primary: true } }],
        });
        await client.request(
          "GET",
          "/_cluster/health/paperchat-papers?wait_for_status=green&timeout=60s",
        );
      }
      expect(await primaryNode()).toBe("node-1");
    });

    it("answers every search once failed over (503 with Retry-After at most, before), and after node 1 is back", async () => {
      const client = createClusterClient({ url: cluster.url });
      expect((await search()).status).toBe(200);

      // Searches run, several at once, while node 1 dies and until the cluster has taken the
      // loss in: one node, the replica on node 0 promoted, the index yellow.
      const during: Outcome[] = [];
      let settled = false;
      const failover = (async () => {
        await cluster.killNode(1);
        await client.request(
          "GET",
          "/_cluster/health/paperchat-papers?wait_for_nodes=1&wait_for_status=yellow&wait_for_active_shards=1&timeout=60s",
        );
      })().finally(() => {
        settled = true;
      });
      const searching = async () => {
        while (!settled) during.push(await search());
      };
      await Promise.all([failover, ...Array.from({ length: SEARCHERS }, searching)]);
      expect(during.length).toBeGreaterThan(0);

      const unexpected = during.filter(
        (outcome) => outcome.status !== 200 && !(outcome.status === 503 && outcome.retryAfter),
      );
      expect(unexpected, "in the failover window: only 200, or 503 with Retry-After").toEqual([]);

      const after: Outcome[] = [];
      for (let i = 0; i < SETTLED_SEARCHES; i++) after.push(await search());
      expect(after.filter((outcome) => outcome.status !== 200)).toEqual([]);

      await cluster.startNode(1);
      const back: Outcome[] = [];
      for (let i = 0; i < SETTLED_SEARCHES; i++) back.push(await search());
      expect(back.filter((outcome) => outcome.status !== 200)).toEqual([]);
      expect(server!.child.exitCode, "the server died").toBeNull();
    }, 180_000);
  },
);
