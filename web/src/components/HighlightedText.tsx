import { termSegments } from "../text/term-segments.ts";

export interface HighlightedTextProps {
  text: string;
  /** Search terms of the question (see {@link questionTerms}); words sharing one are marked. */
  terms: ReadonlySet<string>;
}

/** Text with the question's terms marked. */
export function HighlightedText({ text, terms }: HighlightedTextProps) {
  return (
    <>
      {termSegments(text, terms).map((segment) =>
        segment.marked ? (
          <mark key={segment.start} className="term">
            {segment.text}
          </mark>
        ) : (
          <span key={segment.start}>{segment.text}</span>
        ),
      )}
    </>
  );
}
