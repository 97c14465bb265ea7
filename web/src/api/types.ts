/** The JSON the paperchat server answers with (see docs/api.md); shapes come from the server's code. */
import type { PaperFacts } from "../../../src/search/types.ts";

export type {
  PaperFacts,
  SearchResponse,
  SearchResult,
  SimilarResponse,
  Snippet,
  StarterQuestion,
  StartersResponse,
} from "../../../src/search/types.ts";
/** The filter fields of `/api/search`, `/api/chat` and `/api/papers/:id/similar`. */
export type { FilterFields } from "../../../src/server/schemas/filters.ts";
export type { Facets } from "../../../src/store/facet-index.ts";

/** `GET /api/health`. */
export interface Health {
  status: string;
  papers: number;
  model: string;
  dims: number;
  semantic: boolean;
  /** While `semantic` is false: why, and how to turn it on. */
  semantic_off_reason?: string;
  answers: "extractive" | "llm";
}

/** `GET /api/papers/:id`. Ids go percent-encoded in request paths (`encodeURIComponent`). */
export type Paper = {
  id: string;
  title: string;
  abstract: string;
} & PaperFacts;
