import hnswlib from "hnswlib-node";
import type { HnswParams } from "./manifest.ts";

const { HierarchicalNSW } = hnswlib;
export type Hnsw = InstanceType<typeof HierarchicalNSW>;

/**
 * Builds an HNSW graph over unit vectors stored row-major in `vectors` (label = row).
 * Inner-product space: for unit vectors, 1 − distance is the cosine similarity.
 *
 * @example
 * const hnsw = buildHnsw(vectors, 384, DEFAULT_HNSW, (done, total) => {});
 */
export function buildHnsw(
  vectors: Float32Array,
  dims: number,
  params: HnswParams,
  onProgress?: (done: number, total: number) => void,
): Hnsw {
  const count = vectors.length / dims;
  const hnsw = new HierarchicalNSW(params.space, dims);
  hnsw.initIndex({
    maxElements: Math.max(1, count),
    m: params.m,
    efConstruction: params.efConstruction,
    randomSeed: params.seed,
  });
  const every = Math.max(1, Math.floor(count / 100));
  for (let row = 0; row < count; row++) {
    hnsw.addPoint(Array.from(vectors.subarray(row * dims, (row + 1) * dims)), row);
    if (onProgress && (row % every === 0 || row === count - 1)) onProgress(row + 1, count);
  }
  return hnsw;
}

/** Reads an HNSW graph written by `writeIndexSync`. */
export function readHnsw(path: string, params: HnswParams, dims: number): Hnsw {
  const hnsw = new HierarchicalNSW(params.space, dims);
  hnsw.readIndexSync(path);
  return hnsw;
}
