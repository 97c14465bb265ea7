import { gaussianSampler } from "../fixture-model/seeded-random.ts";

/** How the synthetic vectors are spread over the unit sphere. */
export type VectorDistribution = "uniform" | "low-rank";

export interface SyntheticVectorsOptions {
  count: number;
  dims: number;
  seed: number;
  /**
   * `uniform`: directions drawn uniformly over the sphere (isotropic Gaussians, normalised), the
   * hardest case for graph indexes: every point is about as far from every other. `low-rank`:
   * a 32-dimensional Gaussian mapped into `dims` by a fixed random matrix, plus 10% isotropic
   * noise: data of low intrinsic dimension, as text embeddings are.
   */
  distribution: VectorDistribution;
}

/** Latent dimensions of `low-rank` data, and the noise added to every coordinate. */
const LATENT_DIMS = 32;
const NOISE = 0.1;
/** The mixing matrix is the same for every call, so that queries and data share one subspace. */
const MIXING_SEED = 7;

function normalizeRows(vectors: Float32Array, dims: number): Float32Array {
  for (let offset = 0; offset < vectors.length; offset += dims) {
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += vectors[offset + d]! ** 2;
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < dims; d++) vectors[offset + d]! *= scale;
  }
  return vectors;
}

/** The mixing matrix of each width, made once (the synthetic embedder asks for one row a text). */
const mixings = new Map<number, Float32Array>();

function mixingMatrix(dims: number): Float32Array {
  let mixing = mixings.get(dims);
  if (!mixing) {
    const mixingSample = gaussianSampler(MIXING_SEED);
    const scale = 1 / Math.sqrt(LATENT_DIMS);
    mixing = Float32Array.from({ length: LATENT_DIMS * dims }, () => mixingSample() * scale);
    mixings.set(dims, mixing);
  }
  return mixing;
}

function lowRankRows(vectors: Float32Array, dims: number, gaussian: () => number): void {
  const mixing = mixingMatrix(dims);
  const latent = new Float32Array(LATENT_DIMS);
  for (let offset = 0; offset < vectors.length; offset += dims) {
    for (let r = 0; r < LATENT_DIMS; r++) latent[r] = gaussian();
    for (let d = 0; d < dims; d++) {
      let value = NOISE * gaussian();
      for (let r = 0; r < LATENT_DIMS; r++) value += latent[r]! * mixing[r * dims + d]!;
      vectors[offset + d] = value;
    }
  }
}

/**
 * Seeded unit vectors, row-major in one Float32Array (`count * dims` numbers).
 *
 * @example
 * const vectors = syntheticUnitVectors({ count: 1000, dims: 384, seed: 1, distribution: "uniform" });
 */
export function syntheticUnitVectors(options: SyntheticVectorsOptions): Float32Array {
  const { count, dims } = options;
  const gaussian = gaussianSampler(options.seed);
  const vectors = new Float32Array(count * dims);
  if (options.distribution === "uniform") {
    for (let i = 0; i < vectors.length; i++) vectors[i] = gaussian();
  } else {
    lowRankRows(vectors, dims, gaussian);
  }
  return normalizeRows(vectors, dims);
}
