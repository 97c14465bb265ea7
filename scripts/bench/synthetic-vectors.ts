import { createHash } from "node:crypto";
import { paperText } from "../../src/corpus/paper-text.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { gaussianSampler } from "../fixture-model/seeded-random.ts";

/** `uniform`: isotropic, the worst case for a graph; `low-rank`: like text embeddings. */
export type VectorDistribution = "uniform" | "low-rank";

/** Latent dimensions of `low-rank` data, and the noise added to every coordinate. */
const LATENT_DIMS = 32;
const NOISE = 0.1;
/** One mixing matrix for every call, so that queries and data share one subspace. */
const MIXING_SEED = 7;
/** The mixing matrix of each width, made once. */
const mixings = new Map<number, Float32Array>();

function mixingMatrix(dims: number): Float32Array {
  let mixing = mixings.get(dims);
  if (!mixing) {
    const sample = gaussianSampler(MIXING_SEED);
    const scale = 1 / Math.sqrt(LATENT_DIMS);
    mixing = Float32Array.from({ length: LATENT_DIMS * dims }, () => sample() * scale);
    mixings.set(dims, mixing);
  }
  return mixing;
}

/**
 * Seeded unit vectors, row-major in one Float32Array (`count * dims` numbers).
 *
 * @example
 * const vectors = syntheticUnitVectors({ count: 1000, dims: 384, seed: 1, distribution: "uniform" });
 */
export function syntheticUnitVectors(options: {
  count: number;
  dims: number;
  seed: number;
  distribution: VectorDistribution;
}): Float32Array {
  const { count, dims } = options;
  const gaussian = gaussianSampler(options.seed);
  const vectors = new Float32Array(count * dims);
  if (options.distribution === "uniform") {
    for (let i = 0; i < vectors.length; i++) vectors[i] = gaussian();
  } else {
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
  for (let offset = 0; offset < vectors.length; offset += dims) {
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += vectors[offset + d]! ** 2;
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < dims; d++) vectors[offset + d]! *= scale;
  }
  return vectors;
}

/** A deterministic low-rank 384-d unit vector, seeded by the text's hash. */
const vectorOf = (text: string) =>
  syntheticUnitVectors({
    count: 1,
    dims: 384,
    seed: createHash("sha256").update(text).digest().readUInt32LE(0),
    distribution: "low-rank",
  });

/**
 * A stand-in for the model: every text a low-rank unit vector seeded by its hash.
 *
 * @example
 * const [vector] = await createSyntheticEmbedder().embed(["a question"]);
 */
export function createSyntheticEmbedder(): Embedder {
  const stats = { calls: 0, texts: 0, truncated: 0 };
  return {
    // What a synthetic index records: it says plainly that no model made these vectors.
    modelId: "synthetic-low-rank-384 (benchmark vector source, not a model)",
    dtype: "fp32",
    dims: 384,
    maxTokens: 512,
    stats,
    async embed(texts) {
      stats.calls += 1;
      stats.texts += texts.length;
      return texts.map(vectorOf);
    },
    async embedPapers(papers) {
      stats.calls += 1;
      stats.texts += papers.length;
      return papers.map((paper) => {
        const vector = vectorOf(paperText(paper));
        return { paper: vector, sentences: paper.sentences.map(() => vector) };
      });
    },
    countTokens: (texts) => texts.map((text) => Math.min(512, text.split(" ").length + 2)),
  };
}
