import type { RecommendResponse } from "../contract/collections.ts";
import { bestRowsCollector } from "../store/best-rows.ts";
import type { PaperFilter } from "../store/paper-filter.ts";
import { dotProduct } from "./dot-product.ts";
import { lexicalRanking, paperTerms, termSimilarity } from "./lexical-ranking.ts";
import type { LinearSvmOptions } from "./linear-svm.ts";
import { nearPapers } from "./near-papers.ts";
import type { RecommendSource } from "./recommend-source.ts";
import { recommendationOf } from "./recommendation.ts";
import { scoreCandidates } from "./vector-ranking.ts";

export interface RecommenderOptions {
  source: RecommendSource;
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
 * by a linear SVM (see `scoreCandidates`). Without: BM25 on the collection's terms. Each result
 * names the collection papers it is near, and its snippets match the nearest of them. Never
 * returns a paper of the collection; papers that left the index are simply not used.
 *
 * @example
 * const recommender = createRecommender({ source: recommendSourceOf(store) });
 * await recommender.recommend({ ids: ["math/0501001", "0704.0001"], k: 10 });
 */
export function createRecommender(options: RecommenderOptions): Recommender {
  const { source } = options;
  const maxSeeds = options.maxSeeds ?? 32;
  let negatives: Promise<Map<string, Float32Array>> | undefined;
  const sampledNegatives = () => {
    negatives ??= source
      .sample(options.negatives ?? 256, NEGATIVES_SEED)
      .then((ids) => source.vectors(ids));
    negatives.catch(() => {
      negatives = undefined;
    });
    return negatives;
  };

  async function byVectors(request: RecommendRequest): Promise<RecommendResponse> {
    const exclude = new Set(request.ids);
    const own = await source.vectors([...exclude].slice(-(options.maxPositives ?? 512)));
    if (own.size === 0) return { ranking: "nearness", results: [] };
    const collection = { ids: [...own.keys()], vectors: [...own.values()] };
    const scored = await scoreCandidates(source, collection, {
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
      const similarities = collection.vectors.map((own) => dotProduct(own, vector));
      return {
        id: scored.ids[i]!,
        score: scored.scores[i]!,
        near: nearPapers(collection.ids, similarities),
      };
    });
    const nearestIds = new Set(top.map(({ near }) => near[0]!));
    const found = await source.papersWithSentences([...top.map(({ id }) => id), ...nearestIds]);
    const byId = new Map(found.map((paper) => [paper.paper.id, paper]));
    const results = top.flatMap(({ id, score, near }) => {
      const paper = byId.get(id);
      const nearest = byId.get(near[0]!)?.paper;
      if (!paper) return [];
      const text = nearest ? `${nearest.title}\n${nearest.abstract}` : "";
      return [recommendationOf(paper, score, near, { vector: own.get(near[0]!), text })];
    });
    return { ranking: scored.ranking, results };
  }

  async function byWords(request: RecommendRequest): Promise<RecommendResponse> {
    const exclude = new Set(request.ids);
    const own = await source.papersWithSentences([...exclude].slice(-maxSeeds));
    if (own.length === 0) return { ranking: "lexical", results: [] };
    const ranked = await lexicalRanking(source, own, { ...request, exclude });
    const found = await source.papersWithSentences(ranked.ids);
    const scores = new Map(ranked.ids.map((id, i) => [id, ranked.scores[i]!]));
    const ownTerms = own.map(({ paper }) => paperTerms(paper));
    const ownIds = own.map(({ paper }) => paper.id);
    const results = found.map((paper) => {
      const terms = paperTerms(paper.paper);
      const near = nearPapers(
        ownIds,
        ownTerms.map((other) => termSimilarity(terms, other)),
      );
      const nearest = own[ownIds.indexOf(near[0]!)]!.paper;
      const text = `${nearest.title}\n${nearest.abstract}`;
      return recommendationOf(paper, scores.get(paper.paper.id)!, near, { text });
    });
    return { ranking: "lexical", results };
  }

  return {
    recommend: (request) => (source.hasVectors ? byVectors(request) : byWords(request)),
  };
}
