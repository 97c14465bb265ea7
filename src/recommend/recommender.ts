import type { RecommendResponse } from "../contract/collections.ts";
import type { PaperFilter } from "../contract/paper-filter.ts";
import { paperText } from "../corpus/paper-text.ts";
import { bestRowsCollector } from "../store/best-rows.ts";
import { dotProduct } from "../store/dot-product.ts";
import type { PaperKey, PaperStore } from "../store/paper-store.ts";
import { lexicalRanking, paperTerms, termSimilarity } from "./lexical-ranking.ts";
import type { LinearSvmOptions } from "./linear-svm.ts";
import { nearPapers } from "./near-papers.ts";
import { recommendationOf } from "./recommendation.ts";
import { scoreCandidates } from "./vector-ranking.ts";

/** What recommendations read from the store: vectors, the graph, papers, BM25 and a sample. */
export type RecommendSource = Pick<
  PaperStore,
  | "info"
  | "papersById"
  | "paperVectors"
  | "passing"
  | "nearest"
  | "sample"
  | "papersWithSentences"
  | "lexical"
>;

export interface RecommenderOptions {
  store: RecommendSource;
  /** Graph neighbours gathered per collection paper (default 100). */
  perSeed?: number;
  /** Most collection papers, the most recently added, whose neighbours are gathered (default 32). */
  maxSeeds?: number;
  /** Most collection papers, the most recently added, the classifier trains on (default 512). */
  maxPositives?: number;
  /** From this many collection papers on, a classifier ranks (default 3). */
  classifierFrom?: number;
  /** Sampled papers the classifier trains against, read once and kept (default 256). */
  negatives?: number;
  svm?: LinearSvmOptions;
}

/** A recommendation request: the collection's paper ids, oldest first, and what to return. */
export interface RecommendRequest {
  ids: readonly string[];
  k: number;
  filter?: PaperFilter;
}

/** Recommends papers like a collection's (`GET /api/collections/:name/recommend`). */
export interface Recommender {
  recommend(request: RecommendRequest): Promise<RecommendResponse>;
}

/** The seed of the negatives' sample: the same sample for every request to an index. */
const NEGATIVES_SEED = 20_250_601;

/**
 * Creates the recommender over an index (through its port). With vectors: candidates from the
 * graph near the collection's papers, ranked by nearness to one or two papers, or from three on
 * by a linear SVM (see {@link scoreCandidates}). Without: BM25 on the collection's terms. Each result
 * names the collection papers it is near, and its snippets match the nearest of them. Never
 * returns a paper of the collection; papers that left the index are simply not used.
 *
 * @example
 * const recommender = createRecommender({ store: engine.store });
 * await recommender.recommend({ ids: ["math/0501001", "0704.0001"], k: 10 });
 */
export function createRecommender(options: RecommenderOptions): Recommender {
  const { store } = options;
  const maxSeeds = options.maxSeeds ?? 32;
  let negatives: Promise<Map<PaperKey, Float32Array>> | undefined;
  const sampledNegatives = () => {
    negatives ??= store.sample(options.negatives ?? 256, NEGATIVES_SEED).then(async (keys) => {
      const vectors = await store.paperVectors(keys);
      return new Map(keys.flatMap((key, i) => (vectors[i] ? [[key, vectors[i]!] as const] : [])));
    });
    negatives.catch(() => {
      negatives = undefined;
    });
    return negatives;
  };
  /** The collection's papers the index holds, by key (the most recently added last). */
  const keysOf = async (ids: readonly string[]) =>
    new Map((await store.papersById(ids)).map(({ key, paper }) => [key, paper.id] as const));

  async function byVectors(request: RecommendRequest): Promise<RecommendResponse> {
    const idOf = await keysOf(request.ids.slice(-(options.maxPositives ?? 512)));
    const exclude = new Set(idOf.keys());
    const ownKeys = [...idOf.keys()];
    const ownVectors = await store.paperVectors(ownKeys);
    const kept = ownKeys.flatMap((key, i) =>
      ownVectors[i] ? [[key, ownVectors[i]!] as const] : [],
    );
    if (kept.length === 0) return { ranking: "nearness", results: [] };
    const own = new Map(kept);
    const collection = { keys: [...own.keys()], vectors: [...own.values()] };
    const scored = await scoreCandidates(store, collection, {
      exclude,
      filter: request.filter,
      perSeed: options.perSeed ?? 100,
      maxSeeds,
      classifierFrom: options.classifierFrom ?? 3,
      negatives: sampledNegatives,
      svm: options.svm,
    });
    const best = bestRowsCollector(request.k);
    scored.scores.forEach((score, i) => {
      best.offer(i, score);
    });
    const top = best.ranking().rows.map((i) => {
      const vector = scored.vectors[i]!;
      const similarities = collection.vectors.map((ownVector) => dotProduct(ownVector, vector));
      return {
        key: scored.keys[i]!,
        score: scored.scores[i]!,
        near: nearPapers(collection.keys, similarities),
      };
    });
    const nearestKeys = new Set(top.map(({ near }) => near[0]!));
    const found = await store.papersWithSentences([...top.map(({ key }) => key), ...nearestKeys]);
    const byKey = new Map(found.map((paper) => [paper.key, paper]));
    const results = top.flatMap(({ key, score, near }) => {
      const paper = byKey.get(key);
      const nearest = byKey.get(near[0]!)?.paper;
      if (!paper) return [];
      const text = nearest ? paperText(nearest) : "";
      const nearIds = near.map((ownKey) => idOf.get(ownKey)!);
      return [recommendationOf(paper, score, nearIds, { vector: own.get(near[0]!), text })];
    });
    return { ranking: scored.ranking, results };
  }

  async function byWords(request: RecommendRequest): Promise<RecommendResponse> {
    const idOf = await keysOf(request.ids.slice(-maxSeeds));
    const exclude = new Set(idOf.keys());
    const own = await store.papersWithSentences([...exclude]);
    if (own.length === 0) return { ranking: "lexical", results: [] };
    const ranked = await lexicalRanking(store, own, { ...request, exclude });
    const found = await store.papersWithSentences(ranked.keys);
    const scores = new Map(ranked.keys.map((key, i) => [key, ranked.scores[i]!]));
    const ownTerms = own.map(({ paper }) => paperTerms(paper));
    const ownIds = own.map(({ paper }) => paper.id);
    const results = found.map((paper) => {
      const terms = paperTerms(paper.paper);
      const near = nearPapers(
        ownIds,
        ownTerms.map((other) => termSimilarity(terms, other)),
      );
      const nearest = own[ownIds.indexOf(near[0]!)]!.paper;
      return recommendationOf(paper, scores.get(paper.key)!, near, { text: paperText(nearest) });
    });
    return { ranking: "lexical", results };
  }

  return {
    recommend: (request) => (store.info.hasVectors ? byVectors(request) : byWords(request)),
  };
}
