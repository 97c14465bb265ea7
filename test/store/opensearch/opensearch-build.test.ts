import { describe, expect, it } from "vitest";
import { paperRecordOf } from "../../../src/indexing/paper-record-of.ts";
import type { ClusterClient } from "../../../src/store/opensearch/cluster-client.ts";
import { createOpenSearchBuild } from "../../../src/store/opensearch/opensearch-build.ts";
import { StoreRefusedError } from "../../../src/store/store-errors.ts";
import type { BuildFacts } from "../../../src/store/store-location.ts";

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

  it("turns a _bulk refused by a read-only (full-disk) index into the one line that says what to do", async () => {
    const cluster = recordingCluster();
    const blocked = {
      type: "cluster_block_exception",
      reason:
        "index [paperchat-papers-1a2b] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, index has read-only-allow-delete block];",
    };
    cluster.request = async <Body>(method: string, path: string) => {
      cluster.asked.push(`${method} ${path}`);
      const items = [{ index: { _id: "a", status: 429, error: blocked } }];
      return { status: 200, body: { errors: true, items } as Body };
    };
    const build = createOpenSearchBuild({
      cluster,
      index: "paperchat-papers-1a2b",
      part: { index: 1, of: 1 },
      inPlace: false,
      finishBuild: async () => {
        throw new Error("not finished here");
      },
    });
    const record = paperRecordOf({ id: "a", title: "A title", abstract: "An abstract. Two." });
    await build.add(0, record);
    const finishing = build.finish({} as BuildFacts);
    await expect(finishing).rejects.toThrow(StoreRefusedError);
    await expect(finishing).rejects.toThrow(/read-only.*Free disk space.*read_only_allow_delete/);
  });
});
