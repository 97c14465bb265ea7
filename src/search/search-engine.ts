import type { Embedder } from "../embed/types.ts";
import { rankTitleMatches, searchBm25, termIdsOf } from "../index/bm25.ts";
import type { LoadedIndex } from "../index/load-index.ts";
import { efSearchFor } from "../index/manifest.ts";
import { tokenize } from "../index/tokenize.ts";
import type { IndexedPaper } from "../index/write-index.ts";
import { fuseRankings } from "./fuse.ts";
import { snippetsFor } from "./snippets.ts";
import type { SearchResult, SimilarResponse } from "./types.ts";

export interface SearchEngineOptions {
  index: LoadedIndex;
  /** Embeds questions. Without it (model unavailable) search is lexical-only. */
  embedder?: Embedder;
}

/** Searches one loaded index; all methods are safe to call concurrently. */
export interface SearchEngine {
  readonly index: LoadedIndex;
  /** False when no embedder is available and search runs on BM25 alone. */
  readonly semantic: boolean;
  getPaper(id: string): IndexedPaper | undefined;
  /** Best `k` papers for a question (or a pasted abstract), each with 1–3 verbatim snippets. */
  searchPapers(question: string, k: number): Promise<SearchResult[]>;
  /** Nearest neighbours of a paper, never the paper itself; undefined for an unknown id. */
  similarPapers(id: string, k: number): SimilarResponse | undefined;
}

/** Each retriever contributes this many candidates (at least) to the fusion. */
const MIN_CANDIDATES = 50;

const round = (score: number) => Math.round(score * 1e4) / 1e4;

/**
 * Creates the search engine: dense (HNSW) and lexical (BM25, plus rare title terms) rankings
 * fused by reciprocal rank fusion, and snippets from index-time sentence vectors.
 *
 * @example
 * const engine = createSearchEngine({ index: await loadIndex("index"), embedder });
 * const results = await engine.searchPapers("sparse bayesian neural networks", 5);
 */
export function createSearchEngine(options: SearchEngineOptions): SearchEngine {
  const { index, embedder } = options;
  const rowOf = new Map(index.papers.map((paper, row) => [paper.id, row]));
  const count = index.papers.length;

  function denseRanking(vector: Float32Array, limit: number, exclude?: number) {
    const n = Math.min(limit, count - (exclude === undefined ? 0 : 1));
    if (n <= 0) return { docs: [], scores: [] };
    index.hnsw.setEf(efSearchFor(n));
    const filter = exclude === undefined ? undefined : (label: number) => label !== exclude;
    const { neighbors, distances } = index.hnsw.searchKnn(Array.from(vector), n, filter);
    return { docs: neighbors, scores: distances.map((d) => 1 - d) };
  }

  return {
    index,
    semantic: embedder !== undefined,
    getPaper: (id) => {
      const row = rowOf.get(id);
      return row === undefined ? undefined : index.papers[row];
    },
    async searchPapers(question, k) {
      const candidates = Math.max(MIN_CANDIDATES, 2 * k);
      // The model runs off the main thread: rank lexically while it embeds the question.
      const embedding = embedder?.embed([question]);
      const terms = tokenize(question);
      const rankings = [
        { docs: searchBm25(index.bm25, terms, candidates).docs, weight: 1 },
        { docs: rankTitleMatches(index.bm25, terms, candidates).docs, weight: 1 },
      ];
      const vector = embedding ? (await embedding)[0] : undefined;
      if (vector) rankings.push({ docs: denseRanking(vector, candidates).docs, weight: 1 });
      const snippetQuery = {
        vector,
        termIds: new Set(termIdsOf(index.bm25, terms)),
        termCount: new Set(terms).size,
      };
      return fuseRankings(rankings, k).map(({ doc, score }) => {
        const paper = index.papers[doc]!;
        return {
          id: paper.id,
          title: paper.title,
          score: round(score),
          snippets: snippetsFor(index, doc, snippetQuery),
        };
      });
    },
    similarPapers(id, k) {
      const row = rowOf.get(id);
      if (row === undefined) return undefined;
      const paper = index.papers[row]!;
      const dims = index.manifest.dims;
      const vector = index.paperVectors.subarray(row * dims, (row + 1) * dims);
      const { docs, scores } = denseRanking(vector, k, row);
      return {
        paper: { id: paper.id, title: paper.title },
        results: docs.map((doc, i) => ({
          id: index.papers[doc]!.id,
          title: index.papers[doc]!.title,
          score: round(scores[i]!),
        })),
      };
    },
  };
}
