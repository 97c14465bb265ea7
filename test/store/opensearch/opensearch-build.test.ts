import { describe, expect, it } from "vitest";
import { paperRecordOf } from "../../../src/indexing/paper-record-of.ts";
import type { ClusterBody, ClusterClient } from "../../../src/store/opensearch/cluster-client.ts";
import { createOpenSearchBuild } from "../../../src/store/opensearch/opensearch-build.ts";
import {
  type PaperDocument,
  paperDocument,
} from "../../../src/store/opensearch/paper-documents.ts";
import { StoreRefusedError } from "../../../src/store/store-errors.ts";
import type { BuildFacts } from "../../../src/store/store-location.ts";

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

describe("an OpenSearch build's writes", () => {
  /** A cluster that answers each `_bulk` only when the test releases it. */
  function heldBulks() {
    const waiting: { papers: number; answer(refused: boolean): void }[] = [];
    const cluster: ClusterClient = {
      url: "http://cluster.test",
      request<Body>(_method: string, path: string, body?: ClusterBody) {
        if (path !== "/_bulk") return Promise.resolve({ status: 200, body: {} as Body });
        const papers = (body as { ndjson: string }).ndjson.trim().split("\n").length / 2;
        return new Promise<{ status: number; body: Body }>((resolve) => {
          waiting.push({
            papers,
            answer: (refused) => {
              const items = refused
                ? [{ index: { _id: "p0", status: 400, error: { type: "x", reason: "refused" } } }]
                : [];
              resolve({ status: 200, body: { errors: refused, items } as Body });
            },
          });
        });
      },
    };
    const build = createOpenSearchBuild({
      cluster,
      index: "paperchat-papers-1a2b",
      part: { index: 1, of: 1 },
      inPlace: false,
      finishBuild: async () => ({}) as never,
    });
    const add = (row: number) =>
      build.add(row, paperRecordOf({ id: `p${row}`, title: "T", abstract: "An abstract." }));
    return { waiting, build, add };
  }

  const settled = () => new Promise((resolve) => setImmediate(resolve));

  it("sends the next _bulk while the cluster indexes one, and no third until the first is answered", async () => {
    const { waiting, build, add } = heldBulks();
    let row = 0;
    while (waiting.length === 0) await add(row++);
    const perBulk = row;
    // The second batch is sent at once, and its last paper waits for the first answer.
    let last = false;
    for (;;) {
      const adding = add(row++);
      await settled();
      if (waiting.length > 1) {
        adding.then(() => (last = true));
        break;
      }
      await adding;
    }
    expect(waiting.map((bulk) => bulk.papers)).toEqual([perBulk, perBulk]);
    await settled();
    expect(last).toBe(false);
    waiting[0]!.answer(false);
    await settled();
    expect(last).toBe(true);
    const finishing = build.finish({} as BuildFacts);
    await settled();
    waiting[1]!.answer(false);
    await finishing;
    expect(build.papers).toBe(row);
  });

  it("stops at the next batch when a _bulk in flight was refused, naming the paper", async () => {
    const { waiting, add } = heldBulks();
    let row = 0;
    while (waiting.length === 0) await add(row++);
    waiting[0]!.answer(true);
    let failed: unknown;
    while (waiting.length === 1 && !failed) await add(row++).catch((error) => (failed = error));
    // The second batch is sent, then the first's refusal is thrown to the build.
    expect(String(failed)).toMatch(/refused 1 of \d+ papers .*paper p0/);
  });
});
