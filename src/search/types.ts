/** Shapes shared by search, the CLI's --json output and the HTTP API (see CONTRACT.md). */
export type Snippet = {
  text: string;
  start: number;
  end: number;
  score: number;
};

export type SearchResult = {
  id: string;
  title: string;
  score: number;
  snippets: Snippet[];
};

export type SearchResponse = {
  query: string;
  results: SearchResult[];
};

export type SimilarResponse = {
  paper: { id: string; title: string };
  results: { id: string; title: string; score: number }[];
};
