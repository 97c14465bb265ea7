import type { PaperFacts } from "@contract/paper-facts.ts";
import { authorLine, linkLabel } from "../text/paper-facts.ts";

export interface PaperFactsLineProps {
  facts: PaperFacts;
  /** The paper's title, so that the link names what it opens. */
  title: string;
}

/**
 * Authors, year, categories and a link to the paper, each where the corpus has it; nothing when
 * it has none. The link opens in a new tab and tells the other site nothing about this page.
 */
export function PaperFactsLine({ facts, title }: PaperFactsLineProps) {
  const { authors, year, categories, url } = facts;
  if (!authors?.length && year === undefined && !categories?.length && !url) return null;
  return (
    <p className="paper-facts">
      {authors && authors.length > 0 && (
        <span className="paper-authors" title={authors.join(", ")}>
          {authorLine(authors)}
        </span>
      )}
      {year !== undefined && <span className="paper-year">{year}</span>}
      {categories?.map((category) => (
        <span key={category} className="paper-category">
          {category}
        </span>
      ))}
      {url && (
        <a
          className="paper-link"
          href={url}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`${linkLabel(url)} page of ${title} (opens in a new tab)`}
        >
          {linkLabel(url)} ↗
        </a>
      )}
    </p>
  );
}
