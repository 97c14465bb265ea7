import { describe, expect, it } from "vitest";
import type { ClusterClient } from "../../../src/store/opensearch/cluster-client.ts";
import { createOpenSearchBuild } from "../../../src/store/opensearch/opensearch-build.ts";

/** A cluster that answers every request with an empty success, and records what was asked. */
function recordingCluster(): ClusterClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    url: "http://127.0.0.1:9200",
    asked,
    async request<Body>(method: string, path: string) {
      asked.push(`${method} ${path}`);
      return { status: 200, body: { hits: { hits: [] } } as Body };
    },
  };
}

describe("an OpenSearch build's lookup of finished model work", () => {
  it("refreshes the build index once, before its first search, so a rerun sees what a killed run wrote", async () => {
    const cluster = recordingCluster();
    const build = createOpenSearchBuild({
      cluster,
      index: "paperchat-papers-1a2b",
      alias: "paperchat-papers",
      part: { index: 1, of: 2 },
      inPlace: false,
      finishBuild: async () => {
        throw new Error("not finished here");
      },
    });
    await build.cached(["hash-a"]);
    await build.cached(["hash-b"]);
    expect(cluster.asked).toEqual([
      "POST /paperchat-papers-1a2b/_refresh",
      "POST /paperchat-papers,paperchat-papers-1a2b/_search?ignore_unavailable=true",
      "POST /paperchat-papers,paperchat-papers-1a2b/_search?ignore_unavailable=true",
    ]);
    await build.abandon();
  });

  it("looks only in the build's own index when the index in force was made by another model", async () => {
    const cluster = recordingCluster();
    const build = createOpenSearchBuild({
      cluster,
      index: "paperchat-papers-9c8d",
      part: { index: 1, of: 1 },
      inPlace: false,
      finishBuild: async () => {
        throw new Error("not finished here");
      },
    });
    await build.cached(["hash-a"]);
    expect(cluster.asked.filter((asked) => asked.includes("_search"))).toEqual([
      "POST /paperchat-papers-9c8d/_search?ignore_unavailable=true",
    ]);
    await build.abandon();
  });
});
