import type { Source } from "../chat/message-sources.ts";
import { sourceAnchor } from "./SourceList.tsx";

export interface CitationLinksProps {
  /** The cited source numbers, 1-based. */
  numbers: readonly number[];
  sources: readonly Source[];
  anchorPrefix: string;
}

/** A citation such as `[1, 2]`, each number a link to its source card (a focusable target). */
export function CitationLinks({ numbers, sources, anchorPrefix }: CitationLinksProps) {
  return (
    <span className="citation">
      [
      {numbers.map((n, i) => (
        <span key={n}>
          {i > 0 && ", "}
          <a
            href={`#${sourceAnchor(anchorPrefix, n)}`}
            aria-label={`Source ${n}: ${sources[n - 1]?.title ?? "unknown"}`}
          >
            {n}
          </a>
        </span>
      ))}
      ]
    </span>
  );
}
