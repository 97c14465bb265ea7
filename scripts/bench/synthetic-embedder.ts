import { createHash } from "node:crypto";
import type { Embedder, PaperEmbedding, PaperToEmbed } from "../../src/embed/types.ts";
import { paperText } from "../../src/store/build-index.ts";
import { gaussianSampler } from "../fixture-model/seeded-random.ts";

/** The model id a synthetic index records: it says plainly that no model made these vectors. */
export const SYNTHETIC_MODEL_ID = "synthetic-low-rank-384 (benchmark vector source, not a model)";

const DIMS = 384;
const LATENT_DIMS = 32;
const NOISE = 0.1;
/** Sentence vectors: the paper's vector moved towards one of these directions. */
const SENTENCE_DIRECTIONS = 64;
const SENTENCE_SPREAD = 0.6;

function seedOf(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32LE(0);
}

function normalized(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < vector.length; i++) vector[i]! *= scale;
  return vector;
}

/**
 * A stand-in for the model where only storage and serving are measured: every text gets a
 * deterministic 384-d unit vector of low intrinsic dimension (a 32-d Gaussian seeded by the
 * text's hash, mapped by a fixed random matrix, plus 10% noise), as sentence embeddings have;
 * sentence vectors are the paper's vector moved towards one of 64 fixed directions. It never
 * runs a model and its modelId says so; it is only for the scale benchmark.
 *
 * @example
 * const embedder = createSyntheticEmbedder();
 * const [vector] = await embedder.embed(["a question"]);
 */
export function createSyntheticEmbedder(): Embedder {
  const mixing = new Float32Array(LATENT_DIMS * DIMS);
  const mixingSample = gaussianSampler(7);
  for (let i = 0; i < mixing.length; i++) mixing[i] = mixingSample() / Math.sqrt(LATENT_DIMS);
  const directions = Array.from({ length: SENTENCE_DIRECTIONS }, (_, d) => {
    const sample = gaussianSampler(1000 + d);
    return normalized(Float32Array.from({ length: DIMS }, () => sample()));
  });
  const vectorOf = (text: string) => {
    const gaussian = gaussianSampler(seedOf(text));
    const latent = Float32Array.from({ length: LATENT_DIMS }, () => gaussian());
    const vector = new Float32Array(DIMS);
    for (let d = 0; d < DIMS; d++) {
      let value = NOISE * gaussian();
      for (let r = 0; r < LATENT_DIMS; r++) value += latent[r]! * mixing[r * DIMS + d]!;
      vector[d] = value;
    }
    return normalized(vector);
  };
  const stats = { calls: 0, texts: 0, truncated: 0 };
  return {
    modelId: SYNTHETIC_MODEL_ID,
    dtype: "fp32",
    dims: DIMS,
    maxTokens: 512,
    stats,
    async embed(texts) {
      stats.calls += 1;
      stats.texts += texts.length;
      return texts.map(vectorOf);
    },
    async embedPapers(papers: readonly PaperToEmbed[]): Promise<PaperEmbedding[]> {
      stats.calls += 1;
      stats.texts += papers.length;
      return papers.map((paper) => {
        const vector = vectorOf(paperText(paper));
        const seed = seedOf(paper.abstract);
        const sentences = paper.sentences.map((_, i) => {
          const direction = directions[(seed + i) % SENTENCE_DIRECTIONS]!;
          return normalized(vector.map((v, d) => v + SENTENCE_SPREAD * direction[d]!));
        });
        return { paper: vector, sentences };
      });
    },
    countTokens: (texts) => texts.map((text) => Math.min(512, text.split(" ").length + 2)),
  };
}
