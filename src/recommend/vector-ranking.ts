import type { PaperFilter } from "../store/paper-filter.ts";
import { dotProduct } from "./dot-product.ts";
import { decisionValue, type LinearSvmOptions, trainLinearSvm } from "./linear-svm.ts";
import type { RecommendSource } from "./recommend-source.ts";

/** The collection as vector ranking sees it: its papers' vectors, most recently added last. */
export interface CollectionVectors {
  ids: string[];
  vectors: Float32Array[];
}

export interface VectorRankingOptions {
  /** Every id of the collection: never a candidate. */
  exclude: ReadonlySet<string>;
  filter?: PaperFilter;
  /** Graph neighbours gathered per collection paper used as a seed. */
  perSeed: number;
  /** Most collection papers (the most recently added) whose neighbours are gathered. */
  maxSeeds: number;
  /** From this many collection papers on, a classifier ranks; below, nearness does. */
  classifierFrom: number;
  /** Vectors of sampled papers, the classifier's negatives (read only when it trains). */
  negatives: () => Promise<Map<string, Float32Array>>;
  svm?: LinearSvmOptions;
}

/** Candidates by fit, not yet cut to k: ids, scores in [0, 1], and their vectors. */
export interface ScoredCandidates {
  ranking: "nearness" | "classifier";
  ids: string[];
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
 * const scored = await scoreCandidates(source, collection, { exclude, perSeed: 100, maxSeeds: 32, classifierFrom: 3, negatives });
 */
export async function scoreCandidates(
  source: RecommendSource,
  collection: CollectionVectors,
  options: VectorRankingOptions,
): Promise<ScoredCandidates> {
  const { exclude, filter, perSeed } = options;
  const seeds = collection.vectors.slice(-options.maxSeeds);
  const neighbours = await Promise.all(
    seeds.map((vector) => source.nearest(vector, perSeed, { exclude, filter })),
  );
  const found = await source.vectors([...new Set(neighbours.flatMap((ranking) => ranking.ids))]);
  const ids = [...found.keys()];
  const vectors = [...found.values()];
  if (collection.vectors.length < options.classifierFrom) {
    const scores = vectors.map((vector) => {
      let sum = 0;
      for (const own of collection.vectors) sum += dotProduct(vector, own);
      return Math.max(0, sum / collection.vectors.length);
    });
    return { ranking: "nearness", ids, scores, vectors };
  }
  const negatives = [...(await options.negatives())]
    .filter(([id]) => !exclude.has(id))
    .map(([, vector]) => vector);
  const model = trainLinearSvm(collection.vectors, negatives, options.svm);
  const scores = vectors.map((vector) => sigmoid(decisionValue(model, vector)));
  return { ranking: "classifier", ids, scores, vectors };
}
