import { describe, expect, it } from "vitest";
import { paperRecordOf } from "../../../src/indexing/paper-record-of.ts";
import type { ClusterBody, ClusterClient } from "../../../src/store/opensearch/cluster-client.ts";
import { createOpenSearchBuild } from "../../../src/store/opensearch/opensearch-build.ts";
import {
  type PaperDocument,
  paperDocument,
} from "../../../src/store/opensearch/paper-documents.ts";

const PAPERS = ["a", "b", "c"].map((id) => ({
  id,
  title: `Paper ${id}`,
  abstract: `The abstract of paper ${id}. It has two sentences.`,
}));

/**
 * A cluster that holds `held` in its index and records the documents `_bulk` writes (the rest
 * of what a build asks is answered empty): enough to see what an in-place build rewrites.
 */
function clusterHolding(held: PaperDocument[]) {
  const written: PaperDocument[] = [];
  const cluster: ClusterClient = {
    url: "http://cluster.test",
    async request<Body>(_method: string, path: string, body?: ClusterBody) {
      if (path.includes("/_mget")) {
        const { ids } = body as { ids: string[] };
        const docs = ids.map((id) => {
          const doc = held.find((candidate) => candidate.id === id);
          return doc
            ? { _id: id, found: true, _source: { doc_hash: doc.doc_hash, row: doc.row } }
            : { _id: id, found: false };
        });
        return { status: 200, body: { docs } as Body };
      }
      if (path === "/_bulk") {
        const lines = (body as { ndjson: string }).ndjson.trim().split("\n");
        for (let i = 1; i < lines.length; i += 2) written.push(JSON.parse(lines[i]!));
        return { status: 200, body: { errors: false, items: [] } as Body };
      }
      return { status: 200, body: { hits: { hits: [] } } as Body };
    },
  };
  return { cluster, written };
}

describe("an OpenSearch build in place (a changed corpus)", () => {
  it("rewrites the papers whose row moved, not only those whose text changed", async () => {
    // The index holds a, b, c at rows 0, 1, 2; the corpus lost a, so b and c move up a row.
    const held = PAPERS.map((paper, row) =>
      paperDocument({ row, part: 1, record: paperRecordOf(paper) }),
    );
    const { cluster, written } = clusterHolding(held);
    const build = createOpenSearchBuild({
      cluster,
      index: "t-papers-1",
      alias: "t-papers",
      part: { index: 1, of: 1 },
      inPlace: true,
      finishBuild: async () => ({}) as never,
    });
    await build.add(0, paperRecordOf(PAPERS[1]!));
    await build.add(1, paperRecordOf(PAPERS[2]!));
    await build.finish({} as never);
    expect(written.map(({ id, row }) => ({ id, row }))).toEqual([
      { id: "b", row: 0 },
      { id: "c", row: 1 },
    ]);
  });

  it("leaves a paper whose text and row are unchanged unwritten", async () => {
    const held = PAPERS.map((paper, row) =>
      paperDocument({ row, part: 1, record: paperRecordOf(paper) }),
    );
    const { cluster, written } = clusterHolding(held);
    const build = createOpenSearchBuild({
      cluster,
      index: "t-papers-1",
      alias: "t-papers",
      part: { index: 1, of: 1 },
      inPlace: true,
      finishBuild: async () => ({}) as never,
    });
    const edited = { ...PAPERS[1]!, abstract: "A rewritten abstract. Still two sentences." };
    for (const [row, paper] of [PAPERS[0]!, edited, PAPERS[2]!].entries()) {
      await build.add(row, paperRecordOf(paper));
    }
    await build.finish({} as never);
    expect(written.map(({ id }) => id)).toEqual(["b"]);
  });
});
