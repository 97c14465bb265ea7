import { type KeyboardEvent, useId } from "react";

export interface ComposerProps {
  /** The question being typed (kept by the caller, which puts refused questions back). */
  draft: string;
  onDraftChange: (draft: string) => void;
  /** An answer is on its way: show Stop instead of Send. */
  busy: boolean;
  onSend: (question: string) => void;
  onStop: () => void;
}

/** The question box: Enter sends, Shift+Enter starts a new line, Stop halts a streaming answer. */
export function Composer({ draft, onDraftChange, busy, onSend, onStop }: ComposerProps) {
  const inputId = useId();
  const hintId = useId();

  const send = () => {
    const question = draft.trim();
    if (!question || busy) return;
    onSend(question);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  };

  return (
    <form
      className="composer"
      aria-label="Ask a question"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label htmlFor={inputId} className="visually-hidden">
        Your question
      </label>
      <textarea
        id={inputId}
        rows={2}
        value={draft}
        placeholder="Ask about the papers…"
        aria-describedby={hintId}
        onChange={(event) => onDraftChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <span id={hintId} className="visually-hidden">
        Enter sends, Shift+Enter starts a new line.
      </span>
      {busy ? (
        <button type="button" className="stop-button" onClick={onStop}>
          Stop
        </button>
      ) : (
        <button type="submit" className="primary-button" disabled={!draft.trim()}>
          Send
        </button>
      )}
    </form>
  );
}
