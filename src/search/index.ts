export { type FusedHit, fuseRankings, RRF_K, type WeightedRanking } from "./fuse.ts";
export {
  createSearchEngine,
  type SearchEngine,
  type SearchEngineOptions,
} from "./search-engine.ts";
export { MAX_SNIPPETS, type SnippetQuery, snippetsFor } from "./snippets.ts";
export type { SearchResponse, SearchResult, SimilarResponse, Snippet } from "./types.ts";
