import type { Paper } from "@contract/papers.ts";
import { useEffect, useId, useRef } from "react";
import { useRequest } from "../api/use-request.ts";
import { PaperFactsLine } from "./PaperFactsLine.tsx";
import { SimilarPapers } from "./SimilarPapers.tsx";
import { StatusLine } from "./StatusLine.tsx";

export interface PaperDialogProps {
  /** The paper to show; `null` keeps the dialog closed. */
  paperId: string | null;
  onClose: () => void;
}

/** A modal with one paper's title, abstract and similar papers (each of which opens here too). */
export function PaperDialog({ paperId, onClose }: PaperDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { data, error, loading, reload } = useRequest<Paper>(
    paperId === null ? null : `/api/papers/${encodeURIComponent(paperId)}`,
  );

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (paperId !== null && !element.open) element.showModal();
    if (paperId === null && element.open) element.close();
    element.scrollTop = 0;
  }, [paperId]);

  return (
    <dialog ref={dialog} className="paper-dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="paper-dialog-bar">
        <h2 id={titleId}>{data?.title ?? "Paper"}</h2>
        <button type="button" onClick={onClose} aria-label="Close paper">
          ×
        </button>
      </div>
      {loading && <StatusLine>Loading the paper…</StatusLine>}
      {error && <StatusLine error={error} onRetry={reload} />}
      {data && paperId !== null && (
        <>
          <PaperFactsLine facts={data} title={data.title} />
          <p className="full-abstract">{data.abstract}</p>
          <h3>Similar papers</h3>
          <SimilarPapers paperId={paperId} />
        </>
      )}
    </dialog>
  );
}
