import type { BertDimensions } from "../../src/model-import/bert-graph.ts";
import type { WeightScheme } from "./bert-weights.ts";

/** What one generated model folder looks like. */
export type FixtureSpec = {
  /** The folder name under the output directory. */
  name: string;
  dimensions: Omit<BertDimensions, "vocabSize">;
  /** The tokenizer's `model_max_length` (where truncation cuts). */
  modelMaxLength: number;
  weights: WeightScheme;
  seed: number;
  /** Either as many corpus words as fit in `maxFolderBytes`, or all of them padded to `size`. */
  vocabulary: { maxFolderBytes: number } | { size: number };
};

/**
 * Tiny and meaningful: every layer passes token vectors through, so the mean-pooled output is a
 * bag of (random, near-orthogonal) word vectors whose cosine follows word overlap. Under 1 MB.
 */
export const TINY_BERT: FixtureSpec = {
  name: "paperchat-tiny-bert",
  dimensions: {
    hiddenSize: 48,
    numLayers: 2,
    numHeads: 4,
    intermediateSize: 96,
    maxPositions: 128,
    typeVocabSize: 2,
    layerNormEps: 1e-12,
  },
  modelMaxLength: 128,
  weights: { kind: "bag-of-words" },
  seed: 20240311,
  vocabulary: { maxFolderBytes: 1_000_000 },
};

/** all-MiniLM-L6-v2's shape with random weights: the same compute cost, for benchmarks only. */
export const MINILM_SHAPE: FixtureSpec = {
  name: "paperchat-minilm-shape",
  dimensions: {
    hiddenSize: 384,
    numLayers: 6,
    numHeads: 12,
    intermediateSize: 1536,
    maxPositions: 512,
    typeVocabSize: 2,
    layerNormEps: 1e-12,
  },
  modelMaxLength: 512,
  weights: { kind: "random", std: 0.02 },
  seed: 20240312,
  vocabulary: { size: 30522 },
};

/** The models the generator knows, by their `--only` name. */
export const FIXTURE_SPECS = { tiny: TINY_BERT, minilm: MINILM_SHAPE } as const;
