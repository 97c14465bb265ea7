import type { PaperFacts } from "../contract/paper-facts.ts";
import type { PaperFilter } from "../contract/paper-filter.ts";
import type { SimilarResponse } from "../contract/papers.ts";
import type { SearchResult } from "../contract/search-response.ts";
import { tokenize } from "../contract/tokenize.ts";
import type { Embedder } from "../embed/types.ts";
import type { PaperKey, PaperStore, Ranking, StoredPaper } from "../store/paper-store.ts";
import { fuseScores, type WeightedList } from "./fuse.ts";
import { DEFAULT_NEAREST_LIMITS, type NearestPlanLimits, planNearest } from "./plan-nearest.ts";
import { asksAboutProblem } from "./question-asks.ts";
import { weightedTerms } from "./question-terms.ts";
import { snippetsFor } from "./snippets.ts";

export interface SearchEngineOptions {
  store: PaperStore;
  /** Embeds questions. Without it (model unavailable) search is lexical-only. */
  embedder?: Embedder;
  /** When nearest neighbours are scored exactly instead of through the graph. */
  nearestLimits?: Partial<NearestPlanLimits>;
}

/** Searches one opened store; all methods are safe to call concurrently. */
export interface SearchEngine {
  readonly store: PaperStore;
  /** False when no embedder (or no vectors) is available and search runs on BM25 alone. */
  readonly semantic: boolean;
  getPaper(id: string): Promise<StoredPaper | undefined>;
  /**
   * Best `k` papers for a question (or a pasted abstract), each with 1–3 verbatim snippets;
   * with a filter, only papers that pass it (each ranking is filtered before fusion). `asked`
   * is the question as the user put it, when `question` holds more (a chat's follow-up joined
   * to the turns it refers to): its form, not the joined text's, decides how snippets are
   * picked (see `asksAboutProblem`).
   */
  searchPapers(
    question: string,
    k: number,
    filter?: PaperFilter,
    asked?: string,
  ): Promise<SearchResult[]>;
  /**
   * Nearest neighbours of a paper that pass `filter`, never the paper itself; undefined for an
   * unknown id.
   */
  similarPapers(id: string, k: number, filter?: PaperFilter): Promise<SimilarResponse | undefined>;
}

/** Each retriever contributes this many candidates (at least) to the fusion. */
const MIN_CANDIDATES = 50;

/**
 * How much each ranking counts in the fusion (chosen on the dev and tune questions,
 * docs/search-quality.md): the paper vectors' cosine more than BM25, and rare title terms a
 * little, which finds a paper from its title or name in a large corpus without letting a
 * shared title word outrank what both other lists agree on. Without a model, the dense term
 * is absent.
 */
export const FUSION_WEIGHTS = { dense: 0.6, bm25: 0.4, rareTitles: 0.2 } as const;

const weighted = ({ keys, scores }: Ranking, weight: number): WeightedList<PaperKey> => ({
  docs: keys,
  scores,
  weight,
});

const round = (score: number) => Math.round(score * 1e4) / 1e4;

/**
 * The metadata of a paper that results carry, where the corpus has it.
 *
 * @example
 * factsOf({ id: "x", title: "T", abstract: "A", year: 2024, sentences: [] }); // { year: 2024 }
 */
export function factsOf(paper: StoredPaper): PaperFacts {
  const facts: PaperFacts = {};
  if (paper.authors) facts.authors = paper.authors;
  if (paper.year !== undefined) facts.year = paper.year;
  if (paper.categories) facts.categories = paper.categories;
  if (paper.doi) facts.doi = paper.doi;
  if (paper.url) facts.url = paper.url;
  return facts;
}

/**
 * Creates the search engine: dense (HNSW) and lexical (BM25, plus rare title terms) rankings
 * fused by a convex combination of their normalised scores (`FUSION_WEIGHTS`), and snippets
 * from index-time sentence vectors, terms and roles.
 *
 * @example
 * const engine = createSearchEngine({ store: await openStore("index"), embedder });
 * const results = await engine.searchPapers("sparse bayesian neural networks", 5);
 */
export function createSearchEngine(options: SearchEngineOptions): SearchEngine {
  const { store } = options;
  const embedder = store.info.hasVectors ? options.embedder : undefined;
  const limits = { ...DEFAULT_NEAREST_LIMITS, ...options.nearestLimits };

  return {
    store,
    semantic: embedder !== undefined,
    getPaper: async (id) => (await store.papersById([id]))[0]?.paper,
    async searchPapers(question, k, filter, asked = question) {
      const candidates = Math.max(MIN_CANDIDATES, 2 * k);
      // The model's pass runs on this thread, on a later turn of the event loop (onnxruntime-node
      // runs synchronously): the lexical requests and the plan are sent first, and the nearest
      // papers are asked for as soon as the vector is there, while the lexical step still runs
      // (a network store answers both at once instead of one after the other).
      const embedding = embedder?.embed([question]);
      const terms = tokenize(question);
      const among = embedding ? planNearest(store, filter, limits) : undefined;
      const dense = embedding?.then(async ([vector]) => {
        if (!vector) return undefined;
        const query = { vector, limit: candidates, filter, among: await among };
        return { vector, ranking: await store.nearest(query) };
      });
      const [{ bm25, rareTitles, termStatistics }, nearest] = await Promise.all([
        store.lexical(terms, candidates, filter),
        dense,
      ]);
      const lists = [
        weighted(bm25, FUSION_WEIGHTS.bm25),
        weighted(rareTitles, FUSION_WEIGHTS.rareTitles),
        ...(nearest ? [weighted(nearest.ranking, FUSION_WEIGHTS.dense)] : []),
      ];
      const vector = nearest?.vector;
      const hits = fuseScores(lists, k);
      const found = await store.papersWithSentences(hits.map((hit) => hit.doc));
      const scoreOf = new Map(hits.map((hit) => [hit.doc, hit.score]));
      const query = {
        vector,
        terms: weightedTerms(termStatistics, question),
        asksProblem: asksAboutProblem(asked),
      };
      return found.map(({ key, paper, sentences }) => ({
        id: paper.id,
        title: paper.title,
        score: round(scoreOf.get(key)!),
        ...factsOf(paper),
        snippets: snippetsFor(paper, sentences, query),
      }));
    },
    async similarPapers(id, k, filter) {
      const [found] = await store.papersById([id]);
      if (!found) return undefined;
      const [vector] = await store.paperVectors([found.key]);
      const { keys, scores } = vector
        ? await store.nearest({
            vector,
            limit: k,
            filter,
            exclude: found.key,
            among: await planNearest(store, filter, limits),
          })
        : { keys: [], scores: [] };
      const neighbours = await store.papers(keys);
      return {
        paper: { id: found.paper.id, title: found.paper.title },
        results: neighbours.map((n, i) => ({
          id: n.id,
          title: n.title,
          score: round(scores[i]!),
          ...factsOf(n),
        })),
      };
    },
  };
}
