import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import hnswlib from "hnswlib-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GRAPH_HEADER_BYTES,
  graphLayout,
  openGraphVectors,
} from "../../src/store/embedded/graph-vectors.ts";
import { INDEX_FILES } from "../../src/store/embedded/manifest.ts";
import {
  type EmbeddedStore,
  openEmbeddedStore,
} from "../../src/store/embedded/open-embedded-store.ts";
import { buildTinyIndex, tempDir } from "../support/tiny-index.ts";

let store: EmbeddedStore;
let count: number;
let hnswFile: string;
/** The graph as hnswlib itself reads it. */
let hnsw: InstanceType<typeof hnswlib.HierarchicalNSW>;

beforeAll(async () => {
  const built = await buildTinyIndex();
  store = await openEmbeddedStore(built.indexDir, { encoder: built.embedder });
  count = store.info.count;
  hnswFile = join(built.indexDir, store.manifest.generation, INDEX_FILES.hnsw);
  hnsw = new hnswlib.HierarchicalNSW("ip", store.manifest.dims);
  hnsw.readIndexSync(hnswFile);
});

afterAll(() => {
  store.close();
});

const rowsOf = (count: number) => Array.from({ length: count }, (_, row) => row);

describe("openGraphVectors (vectors read from the graph file by row)", () => {
  it("reads every row's vector exactly as hnswlib's getPoint gives it, in the order asked", () => {
    const { manifest } = store;
    const vectors = openGraphVectors(hnswFile, count, manifest.dims)!;
    const backwards = rowsOf(count).reverse();
    const packed = vectors.vectorsOf(backwards);
    const dims = manifest.dims;
    backwards.forEach((row, at) => {
      expect(packed.subarray(at * dims, (at + 1) * dims)).toEqual(
        Float32Array.from(hnsw.getPoint(row)),
      );
    });
    expect(() => vectors.vectorsOf([count])).toThrow(RangeError);
    vectors.close();
  });

  it("gives the store's paper vectors", async () => {
    const rows = rowsOf(count);
    const vectors = await store.paperVectors(rows);
    for (const row of rows) expect(vectors[row]).toEqual(Float32Array.from(hnsw.getPoint(row)));
  });

  it("declines a file laid out for other dimensions or holding another number of papers", () => {
    const header = readFileSync(hnswFile).subarray(0, GRAPH_HEADER_BYTES);
    expect(graphLayout(header, store.manifest.dims)?.count).toBe(count);
    expect(graphLayout(header, store.manifest.dims + 1)).toBeUndefined();
    expect(openGraphVectors(hnswFile, count + 1, store.manifest.dims)).toBeUndefined();
  });

  it("refuses, naming the file, a graph whose elements are not in row order", () => {
    const dims = 4;
    const graph = new hnswlib.HierarchicalNSW("ip", dims);
    graph.initIndex({ maxElements: 3, m: 4, efConstruction: 10, randomSeed: 1 });
    for (const label of [2, 0, 1]) graph.addPoint([label, 1, 0, 0], label);
    const file = join(tempDir(), "shuffled.hnsw");
    graph.writeIndexSync(file);
    const vectors = openGraphVectors(file, 3, dims)!;
    expect(() => vectors.vectorsOf([1])).toThrow(/shuffled\.hnsw: element 1 holds label 0/);
    expect(() => vectors.vectorsOf([0, 2])).toThrow(/not written in row order/);
    vectors.close();
  });

  it("declines a file too short to hold every paper", () => {
    const file = join(tempDir(), "truncated.hnsw");
    writeFileSync(file, readFileSync(hnswFile).subarray(0, GRAPH_HEADER_BYTES + 10));
    expect(openGraphVectors(file, count, store.manifest.dims)).toBeUndefined();
  });
});
