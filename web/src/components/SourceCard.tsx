import { useId, useState } from "react";
import type { Source } from "../chat/message-sources.ts";
import { FullAbstract } from "./FullAbstract.tsx";
import { HighlightedText } from "./HighlightedText.tsx";
import { PaperFactsLine } from "./PaperFactsLine.tsx";
import { SaveControl } from "./SaveControl.tsx";
import { SimilarPapers } from "./SimilarPapers.tsx";

export interface SourceCardProps {
  source: Source;
  /** The number answers cite it by (`[n]`). */
  number: number;
  /** Element id that `[n]` citations link to. */
  anchorId: string;
  terms: ReadonlySet<string>;
}

/**
 * One retrieved paper: title, score, its authors, year, categories and link where the corpus
 * has them, snippets; expands to the full abstract and similar papers; saves to a collection.
 */
export function SourceCard({ source, number, anchorId, terms }: SourceCardProps) {
  const [showAbstract, setShowAbstract] = useState(false);
  const [showSimilar, setShowSimilar] = useState(false);
  const titleId = useId();
  const abstractId = useId();
  const similarId = useId();
  return (
    <article className="source-card" id={anchorId} aria-labelledby={titleId} tabIndex={-1}>
      <header className="source-card-header">
        <span className="source-number" aria-hidden="true">
          {number}
        </span>
        <h3 id={titleId} className="source-title">
          {source.title}
        </h3>
        {Number.isFinite(source.score) && (
          <span className="score" title="Relevance score (rank fusion)">
            score {source.score.toFixed(3)}
          </span>
        )}
      </header>
      <PaperFactsLine facts={source} title={source.title} />
      {source.snippets.length > 0 && (
        <ul className="snippets" aria-label="Matching sentences">
          {source.snippets.map((snippet) => (
            <li key={`${snippet.start}:${snippet.text}`} className="snippet-text">
              <HighlightedText text={snippet.text} terms={terms} />
            </li>
          ))}
        </ul>
      )}
      <div className="card-actions">
        <button
          type="button"
          aria-expanded={showAbstract}
          aria-controls={abstractId}
          onClick={() => setShowAbstract((open) => !open)}
        >
          {showAbstract ? "Hide abstract" : "Full abstract"}
        </button>
        <button
          type="button"
          aria-expanded={showSimilar}
          aria-controls={similarId}
          onClick={() => setShowSimilar((open) => !open)}
        >
          Similar papers
        </button>
        <SaveControl paperId={source.id} title={source.title} />
      </div>
      <div id={abstractId}>
        {showAbstract && (
          <FullAbstract paperId={source.id} snippets={source.snippets} terms={terms} />
        )}
      </div>
      <div id={similarId}>{showSimilar && <SimilarPapers paperId={source.id} />}</div>
    </article>
  );
}
