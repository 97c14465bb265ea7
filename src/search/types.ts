/** Shapes shared by search, the CLI's --json output and the HTTP API (see docs/api.md). */
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
