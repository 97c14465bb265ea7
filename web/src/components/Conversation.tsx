import type { PaperchatUIMessage } from "@contract/chat-message.ts";
import { messageText } from "@contract/message-text.ts";
import type { ChatStatus } from "ai";
import { useEffect, useRef } from "react";
import { AssistantMessage } from "./AssistantMessage.tsx";
import { StatusLine } from "./StatusLine.tsx";

export interface ConversationProps {
  messages: readonly PaperchatUIMessage[];
  status: ChatStatus;
  /** Answers the person stopped before they were complete. */
  stoppedIds: ReadonlySet<string>;
}

/** The questions and answers so far, newest last (a live log for screen readers). */
export function Conversation({ messages, status, stoppedIds }: ConversationProps) {
  const last = messages.at(-1);
  const lastArticle = useRef<HTMLElement>(null);
  // Bring each new question (and then its answer) into view, but never fight the reader mid-answer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a message is added.
  useEffect(() => {
    lastArticle.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [messages.length]);
  return (
    <section className="conversation" role="log" aria-label="Conversation">
      {messages.map((message, i) => {
        if (message.role === "user") {
          return (
            <article
              key={message.id}
              ref={message === last ? lastArticle : undefined}
              className="message user"
              aria-label="Question"
            >
              <p className="question-text">{messageText(message)}</p>
            </article>
          );
        }
        const previous = messages[i - 1];
        return (
          <AssistantMessage
            key={message.id}
            message={message}
            question={previous?.role === "user" ? messageText(previous) : ""}
            anchorPrefix={`answer-${i}-source`}
            streaming={message === last && status === "streaming"}
            stopped={stoppedIds.has(message.id)}
          />
        );
      })}
      {status === "submitted" && last?.role === "user" && (
        <StatusLine>Searching the papers…</StatusLine>
      )}
    </section>
  );
}
