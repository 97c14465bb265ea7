import type { SimilarResponse } from "@contract/papers.ts";
import { useRequest } from "../api/use-request.ts";
import { useOpenPaper } from "./open-paper-context.ts";
import { StatusLine } from "./StatusLine.tsx";

export interface SimilarPapersProps {
  paperId: string;
  /** How many neighbours to list. */
  k?: number;
}

/** The papers nearest to one paper; clicking one opens it. */
export function SimilarPapers({ paperId, k = 5 }: SimilarPapersProps) {
  const openPaper = useOpenPaper();
  const { data, error, loading, reload } = useRequest<SimilarResponse>(
    `/api/papers/${encodeURIComponent(paperId)}/similar?k=${k}`,
  );
  if (loading) return <StatusLine>Finding similar papers…</StatusLine>;
  if (error || !data) return <StatusLine error={error} onRetry={reload} />;
  if (data.results.length === 0) return <StatusLine>No similar papers in this corpus.</StatusLine>;
  return (
    <ul className="similar-papers" aria-label={`Papers similar to ${data.paper.title}`}>
      {data.results.map((paper) => (
        <li key={paper.id}>
          <button type="button" className="link-button" onClick={() => openPaper(paper.id)}>
            {paper.title}
          </button>
          <span className="score" title="Cosine similarity">
            {paper.score.toFixed(2)}
          </span>
        </li>
      ))}
    </ul>
  );
}
