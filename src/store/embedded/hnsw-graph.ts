import hnswlib from "hnswlib-node";
import type { RowRanking } from "../best-rows.ts";
import { efSearchFor } from "../store-limits.ts";
import { exactNearest } from "./exact-nearest.ts";
import { openGraphVectors } from "./graph-vectors.ts";
import type { HnswParams } from "./manifest.ts";

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

/** Builds a graph as vectors arrive: element i is row i, so vectors can be read back by row. */
export interface GraphBuilder {
  /** Adds the vector of the next row (rows 0, 1, 2, … in order). */
  add(vector: Float32Array): void;
  /** Rows added so far. */
  readonly count: number;
  /** Writes the graph ({@link openGraph} opens it). */
  write(path: string): void;
}

/**
 * Starts an HNSW graph over unit vectors in inner-product space (for unit vectors, 1 − distance
 * is the cosine similarity). Room grows by doubling, so the corpus size need not be known.
 *
 * @example
 * const graph = createGraphBuilder(384, DEFAULT_HNSW);
 * graph.add(vector); // row 0
 * graph.write("index/gen-x/papers.hnsw");
 */
export function createGraphBuilder(dims: number, params: HnswParams, room = 1024): GraphBuilder {
  const hnsw = new HierarchicalNSW(params.space, dims);
  hnsw.initIndex({
    maxElements: Math.max(1, room),
    m: params.m,
    efConstruction: params.efConstruction,
    randomSeed: params.seed,
  });
  let count = 0;
  return {
    add(vector) {
      if (count === hnsw.getMaxElements()) hnsw.resizeIndex(2 * count);
      hnsw.addPoint(Array.from(vector), count);
      count += 1;
    },
    get count() {
      return count;
    },
    write(path) {
      // An empty corpus still gets a graph file, so every index has the same files.
      hnsw.writeIndexSync(path);
    },
  };
}

/** An opened graph: approximate search, exact scans and vectors by row. */
export interface PaperGraph {
  /**
   * The `limit` rows nearest to a unit vector by the graph, only those `keep` accepts: hnswlib
   * keeps walking until enough pass, so a filter costs visits, not recall. `ef` candidates are
   * explored (default `efSearchFor(limit)`).
   */
  search(
    vector: Float32Array,
    limit: number,
    keep?: (row: number) => boolean,
    ef?: number,
  ): RowRanking;
  /**
   * The `limit` rows of `rows` (`all`: every row, their vectors then held in memory) nearest to
   * a vector, scored exactly; never `skip`.
   */
  scan(
    vector: Float32Array,
    limit: number,
    rows: readonly number[] | "all",
    skip?: number,
  ): RowRanking;
  /** Rows' vectors, packed in the order given (`rows.length × dims`). */
  vectorsOf(rows: readonly number[]): Float32Array;
  close(): void;
}

/**
 * Opens a graph written by `GraphBuilder.write` holding `count` rows. Vectors are read straight
 * from the file (see {@link openGraphVectors}), or through hnswlib for a file laid out otherwise.
 *
 * @example
 * const graph = openGraph("index/gen-x/papers.hnsw", manifest.hnsw, 384, 70);
 * graph.search(question, 10).rows;
 */
export function openGraph(
  path: string,
  params: HnswParams,
  dims: number,
  count: number,
): PaperGraph {
  const hnsw: Hnsw = new HierarchicalNSW(params.space, dims);
  hnsw.readIndexSync(path);
  const fromFile = openGraphVectors(path, count, dims);
  /** Through hnswlib: an array built element by element per row (slow, but any layout). */
  const pointsOf = (rows: readonly number[]) => {
    const packed = new Float32Array(rows.length * dims);
    rows.forEach((row, i) => {
      packed.set(hnsw.getPoint(row), i * dims);
    });
    return packed;
  };
  const vectorsOf = (rows: readonly number[]) => fromFile?.vectorsOf(rows) ?? pointsOf(rows);
  let every: { rows: number[]; vectors: Float32Array } | undefined;
  const everyRow = () => {
    if (!every) {
      const rows = Array.from({ length: count }, (_, row) => row);
      every = { rows, vectors: vectorsOf(rows) };
    }
    return every;
  };
  return {
    search(vector, limit, keep, ef = efSearchFor(limit)) {
      hnsw.setEf(ef);
      const { neighbors, distances } = hnsw.searchKnn(Array.from(vector), limit, keep);
      return { rows: neighbors, scores: distances.map((d) => 1 - d) };
    },
    scan(vector, limit, rows, skip) {
      if (rows === "all") {
        const all = everyRow();
        return exactNearest(vector, all.rows, all.vectors, limit, skip);
      }
      return exactNearest(vector, rows, vectorsOf(rows), limit, skip);
    },
    vectorsOf,
    close: () => fromFile?.close(),
  };
}
