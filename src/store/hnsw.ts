import hnswlib from "hnswlib-node";
import type { HnswParams } from "./manifest.ts";

const { HierarchicalNSW } = hnswlib;
export type Hnsw = InstanceType<typeof HierarchicalNSW>;

/**
 * Builds an HNSW graph over `count` unit vectors given in label order (label = the paper's row),
 * reading them one at a time so that only the graph holds them. Inner-product space: for unit
 * vectors, 1 − distance is the cosine similarity.
 *
 * @example
 * const hnsw = buildHnsw(vectorsByRow(), count, 384, DEFAULT_HNSW, (done, total) => {});
 */
export function buildHnsw(
  vectors: Iterable<Float32Array>,
  count: number,
  dims: number,
  params: HnswParams,
  onProgress?: (done: number, total: number) => void,
): Hnsw {
  const hnsw = new HierarchicalNSW(params.space, dims);
  hnsw.initIndex({
    maxElements: Math.max(1, count),
    m: params.m,
    efConstruction: params.efConstruction,
    randomSeed: params.seed,
  });
  const every = Math.max(1, Math.min(10_000, Math.floor(count / 100)));
  let row = 0;
  for (const vector of vectors) {
    if (row >= count) throw new RangeError(`more than the ${count} vectors announced`);
    hnsw.addPoint(Array.from(vector), row);
    row += 1;
    if (onProgress && (row % every === 0 || row === count)) onProgress(row, count);
  }
  if (row !== count) throw new RangeError(`${row} vectors given, ${count} announced`);
  return hnsw;
}

/** Reads an HNSW graph written by `writeIndexSync`. */
export function readHnsw(path: string, params: HnswParams, dims: number): Hnsw {
  const hnsw = new HierarchicalNSW(params.space, dims);
  hnsw.readIndexSync(path);
  return hnsw;
}
