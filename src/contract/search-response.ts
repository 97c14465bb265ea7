/** Shapes shared by search, the CLI's --json output and the HTTP API (see docs/api.md). */
import type { Facets } from "../store/facet-index.ts";

export type Snippet = {
  text: string;
  start: number;
  end: number;
  score: number;
};

/** What the corpus says about a paper beyond its text; each field only where the source has it. */
export type PaperFacts = {
  authors?: string[];
  year?: number;
  categories?: string[];
  doi?: string;
  url?: string;
};

export type SearchResult = {
  id: string;
  title: string;
  score: number;
  snippets: Snippet[];
} & PaperFacts;

export type SearchResponse = {
  query: string;
  results: SearchResult[];
};

export type SimilarResponse = {
  paper: { id: string; title: string };
  results: ({ id: string; title: string; score: number } & PaperFacts)[];
};

/** A question to start with, about a paper of the corpus that search ranks in its top 3. */
export type StarterQuestion = {
  question: string;
  paperId: string;
  title: string;
};

/** `GET /api/starters`: starting points and what the corpus can be filtered by. */
export type StartersResponse = {
  starters: StarterQuestion[];
  facets: Facets;
};
