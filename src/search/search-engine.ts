import type { PaperFacts } from "../contract/paper-facts.ts";
import type { SimilarResponse } from "../contract/papers.ts";
import type { SearchResult } from "../contract/search-response.ts";
import { tokenize } from "../contract/tokenize.ts";
import type { Embedder } from "../embed/types.ts";
import type { PaperStore } from "../store/open-store.ts";
import type { StoredPaper } from "../store/paper-database.ts";
import type { PaperFilter } from "../store/paper-filter.ts";
import { termHash } from "../store/sentence-terms.ts";
import { fuseRankings } from "./fuse.ts";
import { snippetsFor } from "./snippets.ts";

export interface SearchEngineOptions {
  store: PaperStore;
  /** Embeds questions. Without it (model unavailable) search is lexical-only. */
  embedder?: Embedder;
}

/** Searches one opened store; all methods are safe to call concurrently. */
export interface SearchEngine {
  readonly store: PaperStore;
  /** False when no embedder (or no vectors) is available and search runs on BM25 alone. */
  readonly semantic: boolean;
  getPaper(id: string): StoredPaper | undefined;
  /**
   * Best `k` papers for a question (or a pasted abstract), each with 1–3 verbatim snippets;
   * with a filter, only papers that pass it (each ranking is filtered before fusion).
   */
  searchPapers(question: string, k: number, filter?: PaperFilter): Promise<SearchResult[]>;
  /**
   * Nearest neighbours of a paper that pass `filter`, never the paper itself; undefined for an
   * unknown id.
   */
  similarPapers(id: string, k: number, filter?: PaperFilter): SimilarResponse | undefined;
}

/** Each retriever contributes this many candidates (at least) to the fusion. */
const MIN_CANDIDATES = 50;

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
 * fused by reciprocal rank fusion, and snippets from index-time sentence vectors.
 *
 * @example
 * const engine = createSearchEngine({ store: await openStore("index"), embedder });
 * const results = await engine.searchPapers("sparse bayesian neural networks", 5);
 */
export function createSearchEngine(options: SearchEngineOptions): SearchEngine {
  const { store } = options;
  const embedder = store.hasVectors ? options.embedder : undefined;

  return {
    store,
    semantic: embedder !== undefined,
    getPaper: (id) => store.papers([id])[0],
    async searchPapers(question, k, filter) {
      const candidates = Math.max(MIN_CANDIDATES, 2 * k);
      // The model's pass runs on this thread (onnxruntime-node runs synchronously, on a later
      // turn of the event loop), so nothing overlaps it: lexical ranking simply goes first.
      const embedding = embedder?.embed([question]);
      const terms = tokenize(question);
      const { bm25, rareTitles } = store.lexical(terms, candidates, filter);
      const rankings = [
        { docs: bm25.ids, weight: 1 },
        { docs: rareTitles.ids, weight: 1 },
      ];
      const vector = embedding ? (await embedding)[0] : undefined;
      if (vector) {
        rankings.push({
          docs: store.nearest(vector, candidates, undefined, filter).ids,
          weight: 1,
        });
      }
      const hits = fuseRankings(rankings, k);
      const found = store.papersWithSentences(hits.map((hit) => hit.doc));
      const query = { vector, termHashes: new Set(terms.map(termHash)) };
      return found.map(({ paper, sentences }, i) => ({
        id: paper.id,
        title: paper.title,
        score: round(hits[i]!.score),
        ...factsOf(paper),
        snippets: snippetsFor(paper, sentences, query),
      }));
    },
    similarPapers(id, k, filter) {
      const paper = store.papers([id])[0];
      if (!paper) return undefined;
      const vector = store.paperVector(id);
      const { ids, scores } = vector
        ? store.nearest(vector, k, id, filter)
        : { ids: [], scores: [] };
      const neighbours = store.papers(ids);
      return {
        paper: { id: paper.id, title: paper.title },
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
