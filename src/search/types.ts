/** Shapes shared by search, the CLI's --json output and the HTTP API (see CONTRACT.md). */
export interface Snippet {
  text: string;
  start: number;
  end: number;
  score: number;
}

export interface SearchResult {
  id: string;
  title: string;
  score: number;
  snippets: Snippet[];
}

export interface SearchResponse {
  query: string;
  results: SearchResult[];
}

export interface SimilarResponse {
  paper: { id: string; title: string };
  results: { id: string; title: string; score: number }[];
}
