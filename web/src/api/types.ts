/** The JSON the paperchat server answers with (see CONTRACT.md); search shapes come from the engine. */
export type {
  SearchResponse,
  SearchResult,
  SimilarResponse,
  Snippet,
} from "../../../src/search/types.ts";

/** `GET /api/health`. */
export interface Health {
  status: string;
  papers: number;
  model: string;
  dims: number;
  semantic: boolean;
}

/** `GET /api/papers/:id`. Ids go percent-encoded in request paths (`encodeURIComponent`). */
export interface Paper {
  id: string;
  title: string;
  abstract: string;
  authors?: string[];
  year?: number;
  categories?: string[];
  doi?: string;
  url?: string;
}
