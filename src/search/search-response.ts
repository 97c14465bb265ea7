import { DEFAULT_SEARCH_K } from "../contract/default-k.ts";
import type { PaperFilter } from "../contract/paper-filter.ts";
import type { SearchResponse } from "../contract/search-response.ts";
import type { SearchEngine } from "./search-engine.ts";

/** A search as `/api/search` and `paperchat search` take it. */
export interface SearchRequest {
  query: string;
  /** How many papers; `DEFAULT_SEARCH_K` when left out. */
  k?: number;
  filter?: PaperFilter;
}

/**
 * The body `/api/search` answers with and `paperchat search --json` prints.
 *
 * @example
 * await searchResponse(engine, { query: "graph networks", k: 3 }); // { query: "graph networks", results: [...] }
 */
export async function searchResponse(
  engine: Pick<SearchEngine, "searchPapers">,
  request: SearchRequest,
): Promise<SearchResponse> {
  const { query, k = DEFAULT_SEARCH_K, filter = {} } = request;
  return { query, results: await engine.searchPapers(query, k, filter) };
}
