import type { PaperFilter } from "../contract/paper-filter.ts";
import { DEFAULT_NEAREST_LIMITS, planNearest } from "../search/plan-nearest.ts";
import { dotProduct } from "../store/dot-product.ts";
import type { PaperKey, PaperStore } from "../store/paper-store.ts";
import { decisionValue, type LinearSvmOptions, trainLinearSvm } from "./linear-svm.ts";

/** What vector ranking reads from the store. */
export type VectorSource = Pick<PaperStore, "info" | "passing" | "nearest" | "paperVectors">;

/** The collection as vector ranking sees it: its papers' keys and vectors, most recently added last. */
export interface CollectionVectors {
  keys: PaperKey[];
  vectors: Float32Array[];
}

export interface VectorRankingOptions {
  /** Every paper of the collection: never a candidate. */
  exclude: ReadonlySet<PaperKey>;
  filter?: PaperFilter;
  /** Graph neighbours gathered per collection paper used as a seed. */
  perSeed: number;
  /** Most collection papers (the most recently added) whose neighbours are gathered. */
  maxSeeds: number;
  /** From this many collection papers on, a classifier ranks; below, nearness does. */
  classifierFrom: number;
  /** Vectors of sampled papers, the classifier's negatives (read only when it trains). */
  negatives: () => Promise<Map<PaperKey, Float32Array>>;
  svm?: LinearSvmOptions;
}

/** Candidates by fit, not yet cut to k: keys, scores in [0, 1], and their vectors. */
export interface ScoredCandidates {
  ranking: "nearness" | "classifier";
  keys: PaperKey[];
  scores: number[];
  vectors: Float32Array[];
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Gathers candidates near the collection through the graph (`perSeed` neighbours of each of
 * the `maxSeeds` most recently added papers: that many graph queries, then one vector read for
 * the union) and scores each by how well it fits the collection: with fewer than
 * `classifierFrom` papers, by its mean cosine to them; from then on by a linear SVM trained on
 * the collection's vectors against sampled others (as arxiv-sanity-lite does), its decision
 * value squashed into (0, 1).
 *
 * @example
 * const scored = await scoreCandidates(store, collection, { exclude, perSeed: 100, maxSeeds: 32, classifierFrom: 3, negatives });
 */
export async function scoreCandidates(
  store: VectorSource,
  collection: CollectionVectors,
  options: VectorRankingOptions,
): Promise<ScoredCandidates> {
  const { exclude, filter, perSeed } = options;
  const seeds = collection.vectors.slice(-options.maxSeeds);
  const among = await planNearest(store, filter, DEFAULT_NEAREST_LIMITS);
  // The collection's own papers are asked for too, and dropped: they are never candidates.
  const limit = perSeed + exclude.size;
  const neighbours = await Promise.all(
    seeds.map((vector) => store.nearest({ vector, limit, filter, among })),
  );
  const candidates = [
    ...new Set(
      neighbours.flatMap((ranking) =>
        ranking.keys.filter((key) => !exclude.has(key)).slice(0, perSeed),
      ),
    ),
  ];
  const found = await store.paperVectors(candidates);
  const keys = candidates.filter((_, i) => found[i] !== undefined);
  const vectors = found.filter((vector) => vector !== undefined);
  if (collection.vectors.length < options.classifierFrom) {
    const scores = vectors.map((vector) => {
      let sum = 0;
      for (const own of collection.vectors) sum += dotProduct(vector, own);
      return Math.max(0, sum / collection.vectors.length);
    });
    return { ranking: "nearness", keys, scores, vectors };
  }
  const negatives = [...(await options.negatives())]
    .filter(([key]) => !exclude.has(key))
    .map(([, vector]) => vector);
  const model = trainLinearSvm(collection.vectors, negatives, options.svm);
  const scores = vectors.map((vector) => sigmoid(decisionValue(model, vector)));
  return { ranking: "classifier", keys, scores, vectors };
}
