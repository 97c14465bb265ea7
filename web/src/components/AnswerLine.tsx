import { inlineSpans } from "../chat/answer-blocks.ts";
import { citationSegments } from "../chat/citation-segments.ts";
import type { Source } from "../chat/message-sources.ts";
import { CitationLinks } from "./CitationLinks.tsx";

export interface AnswerLineProps {
  text: string;
  sources: readonly Source[];
  anchorPrefix: string;
}

/** One line of an answer: bold, emphasised and code spans, and `[n]` links to the source cards. */
export function AnswerLine({ text, sources, anchorPrefix }: AnswerLineProps) {
  return (
    <>
      {inlineSpans(text).map((span) => {
        if (span.kind === "code") return <code key={span.start}>{span.text}</code>;
        const Wrapper = span.kind === "text" ? "span" : span.kind;
        return (
          <Wrapper key={span.start}>
            {citationSegments(span.text, sources.length).map((segment) =>
              segment.kind === "text" ? (
                <span key={segment.start}>{segment.text}</span>
              ) : (
                <CitationLinks
                  key={segment.start}
                  numbers={segment.numbers}
                  sources={sources}
                  anchorPrefix={anchorPrefix}
                />
              ),
            )}
          </Wrapper>
        );
      })}
    </>
  );
}
