import type { Source } from "../chat/message-sources.ts";
import { SourceCard } from "./SourceCard.tsx";

export interface SourceListProps {
  sources: readonly Source[];
  /** Prefix of each card's element id; card n is `${anchorPrefix}-${n}`. */
  anchorPrefix: string;
  terms: ReadonlySet<string>;
  label: string;
}

/** The element id of source card `n` in a list, for `[n]` links. */
export const sourceAnchor = (anchorPrefix: string, n: number) => `${anchorPrefix}-${n}`;

/** Numbered source cards, in the order answers cite them. */
export function SourceList({ sources, anchorPrefix, terms, label }: SourceListProps) {
  return (
    <section className="source-list" aria-label={label}>
      {sources.map((source, i) => (
        <SourceCard
          key={source.id}
          source={source}
          number={i + 1}
          anchorId={sourceAnchor(anchorPrefix, i + 1)}
          terms={terms}
        />
      ))}
    </section>
  );
}
