import { answerBlocks } from "../chat/answer-blocks.ts";
import type { Source } from "../chat/message-sources.ts";
import { AnswerLine } from "./AnswerLine.tsx";

export interface AnswerTextProps {
  text: string;
  sources: readonly Source[];
  anchorPrefix: string;
}

/** An answer's paragraphs and lists, each `[n]` a link to source card n. */
export function AnswerText({ text, sources, anchorPrefix }: AnswerTextProps) {
  const line = (content: string) => (
    <AnswerLine text={content} sources={sources} anchorPrefix={anchorPrefix} />
  );
  return (
    <div className="answer-text">
      {answerBlocks(text).map((block) => {
        if (block.kind === "paragraph") return <p key={block.line}>{line(block.text)}</p>;
        const items = block.items.map((item) => <li key={item.line}>{line(item.text)}</li>);
        return block.ordered ? (
          <ol key={block.line} start={block.start}>
            {items}
          </ol>
        ) : (
          <ul key={block.line}>{items}</ul>
        );
      })}
    </div>
  );
}
