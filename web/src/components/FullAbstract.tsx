import type { Paper } from "@contract/papers.ts";
import type { Snippet } from "@contract/search-response.ts";
import { useEffect, useRef } from "react";
import { useRequest } from "../api/use-request.ts";
import { locateSnippets, rangeSegments } from "../text/range-segments.ts";
import { HighlightedText } from "./HighlightedText.tsx";
import { StatusLine } from "./StatusLine.tsx";

export interface FullAbstractProps {
  paperId: string;
  /** Marked in place, by their offsets. */
  snippets: readonly Snippet[];
  terms: ReadonlySet<string>;
}

/** A paper's whole abstract, fetched on demand, with the snippets marked where they stand. */
export function FullAbstract({ paperId, snippets, terms }: FullAbstractProps) {
  const { data, error, loading, reload } = useRequest<Paper>(
    `/api/papers/${encodeURIComponent(paperId)}`,
  );
  const firstMark = useRef<HTMLElement>(null);
  useEffect(() => {
    if (data) firstMark.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [data]);

  if (loading) return <StatusLine>Loading the abstract…</StatusLine>;
  if (error || !data) return <StatusLine error={error} onRetry={reload} />;
  const segments = rangeSegments(data.abstract, locateSnippets(data.abstract, snippets));
  const firstMarked = segments.find((segment) => segment.marked);
  return (
    <blockquote className="full-abstract" aria-label={`Abstract of ${data.title}`}>
      {segments.map((segment) =>
        segment.marked ? (
          <mark
            key={segment.start}
            className="snippet"
            ref={segment === firstMarked ? firstMark : undefined}
          >
            <HighlightedText text={segment.text} terms={terms} />
          </mark>
        ) : (
          <HighlightedText key={segment.start} text={segment.text} terms={terms} />
        ),
      )}
    </blockquote>
  );
}
