import { describe, expect, it } from "vitest";
import { paperRecordOf } from "../../../src/indexing/paper-record-of.ts";
import type { ClusterClient } from "../../../src/store/opensearch/cluster-client.ts";
import { createOpenSearchStore } from "../../../src/store/opensearch/opensearch-store.ts";
import { paperDocument } from "../../../src/store/opensearch/paper-documents.ts";
import type { StoreInfo } from "../../../src/store/paper-store.ts";

const INFO: StoreInfo = {
  count: 2,
  model: "m",
  dims: 3,
  hasVectors: true,
  sentenceVectors: "pooled",
  builtAt: "2026-12-04T00:00:00.000Z",
  location: "test",
};

const DOCS = ["a", "b"].map((id, row) =>
  paperDocument({
    row,
    part: 1,
    record: paperRecordOf({
      id,
      title: `Paper ${id}`,
      abstract: `The abstract of ${id}. It has two sentences.`,
    }),
    embedding: {
      hash: id,
      paper: Float32Array.from([row, 1, 0]),
      sentences: new Uint8Array(6),
    },
  }),
);

/** A cluster holding `DOCS` that answers `_mget` with their whole sources, and records paths. */
function clusterOfDocs() {
  const paths: string[] = [];
  const cluster: ClusterClient = {
    url: "http://cluster.test",
    async request<Body>(_method: string, path: string, body?: unknown) {
      paths.push(path);
      const { ids } = body as { ids: string[] };
      const docs = ids.map((id) => {
        const doc = DOCS.find((candidate) => candidate.id === id);
        return doc ? { _id: id, found: true, _source: doc } : { _id: id, found: false };
      });
      return { status: 200, body: { docs } as Body };
    },
  };
  return { cluster, paths };
}

describe("the OpenSearch store's reads of papers", () => {
  it("asks for the sources of snippet papers whole, not filtered (the cluster parses a source it filters)", async () => {
    const { cluster, paths } = clusterOfDocs();
    const store = createOpenSearchStore(cluster, "papers", INFO);
    const read = await store.papersWithSentences(["b", "missing", "a"]);
    expect(paths).toEqual(["/papers/_mget"]);
    expect(read.map(({ key, paper }) => [key, paper.title])).toEqual([
      ["b", "Paper b"],
      ["a", "Paper a"],
    ]);
    expect(read[0]!.sentences.terms.length).toBeGreaterThan(0);
    // Remembered: a second question about the same papers asks nothing.
    await store.papersWithSentences(["a", "b"]);
    expect(paths).toHaveLength(1);
  });

  it("leaves the sentence data and the ranked fields out of a page of papers", async () => {
    const { cluster, paths } = clusterOfDocs();
    const store = createOpenSearchStore(cluster, "papers", INFO);
    await store.papers(["a"]);
    expect(paths[0]).toMatch(/^\/papers\/_mget\?_source_excludes=.*vector.*sentence_terms/);
  });
});
