import { describe, expect, it } from "vitest";
import type { ClusterClient } from "../../../src/store/opensearch/cluster-client.ts";
import { createOpenSearchStore } from "../../../src/store/opensearch/opensearch-store.ts";
import type { StoreInfo } from "../../../src/store/paper-store.ts";

const INFO: StoreInfo = {
  count: 1000,
  model: null,
  dims: 0,
  hasVectors: false,
  sentenceVectors: "pooled",
  builtAt: "2026-12-03T00:00:00.000Z",
  location: "test",
};

/** A cluster that answers the lexical step's requests from a script, and records them. */
function scriptedCluster(bm25Hits: [string, number, number][]) {
  const sent: { path: string; body: unknown }[] = [];
  const cluster: ClusterClient = {
    url: "http://cluster.test",
    async request<Body>(_method: string, path: string, body?: unknown) {
      sent.push({ path, body });
      const hit = ([id, score, row]: [string, number, number]) => ({
        _score: score,
        fields: { id: [id], row: [row] },
      });
      if (path.endsWith("/_termvectors")) {
        const terms = { graph: { doc_freq: 40 } };
        return { status: 200, body: { term_vectors: { body_terms: { terms } } } as Body };
      }
      if (path === "/_msearch") {
        return {
          status: 200,
          body: { responses: [{ hits: { hits: bm25Hits.map(hit) } }] } as Body,
        };
      }
      // The exhaustive ranking, by score then row.
      const inRowOrder = [...bm25Hits].sort((a, b) => b[1] - a[1] || a[2] - b[2]).slice(0, 2);
      return { status: 200, body: { hits: { hits: inRowOrder.map(hit) } } as Body };
    },
  };
  return { cluster, sent };
}

describe("the OpenSearch store's BM25 ranking", () => {
  it("takes the unsorted ranking when no tie reaches the cut: one search", async () => {
    const { cluster, sent } = scriptedCluster([
      ["a", 3, 9],
      ["b", 2, 7],
      ["c", 1, 4],
    ]);
    const store = createOpenSearchStore(cluster, "papers", INFO);
    const { bm25 } = await store.lexical(["graph"], 2);
    expect(bm25).toEqual({ keys: ["a", "b"], scores: [3, 2] });
    expect(sent.map(({ path }) => path)).toEqual(["/papers/_termvectors", "/_msearch"]);
  });

  it("asks again by score then row when a tie reaches the cut", async () => {
    const { cluster, sent } = scriptedCluster([
      ["a", 3, 9],
      ["b", 2, 7],
      ["c", 2, 4],
    ]);
    const store = createOpenSearchStore(cluster, "papers", INFO);
    const { bm25 } = await store.lexical(["graph"], 2);
    expect(bm25).toEqual({ keys: ["a", "c"], scores: [3, 2] });
    expect(sent.map(({ path }) => path)).toEqual([
      "/papers/_termvectors",
      "/_msearch",
      "/papers/_search",
    ]);
    expect(sent[2]!.body).toMatchObject({ sort: [{ _score: "desc" }, { row: "asc" }] });
  });
});
