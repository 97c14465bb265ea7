import type { PaperchatUIMessage } from "@contract/chat-message.ts";
import { messageText } from "@contract/message-text.ts";
import { messageNotices } from "../chat/message-notices.ts";
import { messageQuery, messageSources } from "../chat/message-sources.ts";
import { questionTerms } from "../text/term-segments.ts";
import { AnswerText } from "./AnswerText.tsx";
import { SourceList } from "./SourceList.tsx";
import { StatusLine } from "./StatusLine.tsx";

export interface AssistantMessageProps {
  message: PaperchatUIMessage;
  /** The question this message answers; its terms (or those the server searched with) are marked. */
  question: string;
  /** Unique per message in the page; prefixes the source cards' ids. */
  anchorPrefix: string;
  /** Still streaming in. */
  streaming: boolean;
  /** The person stopped it before it was complete. */
  stopped: boolean;
}

/** One answer: its text with `[n]` links, then the numbered source cards it cites. */
export function AssistantMessage({
  message,
  question,
  anchorPrefix,
  streaming,
  stopped,
}: AssistantMessageProps) {
  const sources = messageSources(message);
  const text = messageText(message);
  const terms = questionTerms(messageQuery(message) ?? question);
  return (
    <article className="message assistant" aria-label="Answer" aria-busy={streaming}>
      {messageNotices(message).map((notice) => (
        <p key={notice} className="notice">
          {notice}
        </p>
      ))}
      {text ? (
        <AnswerText text={text} sources={sources} anchorPrefix={anchorPrefix} />
      ) : (
        streaming && <StatusLine>Writing the answer…</StatusLine>
      )}
      {stopped && <p className="stopped-note">Stopped.</p>}
      {sources.length > 0 ? (
        <SourceList sources={sources} anchorPrefix={anchorPrefix} terms={terms} label="Sources" />
      ) : (
        !streaming && !stopped && <StatusLine>No papers matched this question.</StatusLine>
      )}
    </article>
  );
}
