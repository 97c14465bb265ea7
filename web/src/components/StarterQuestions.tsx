import type { StartersResponse } from "@contract/starters.ts";
import type { RequestState } from "../api/use-request.ts";

export interface StarterQuestionsProps {
  /** `GET /api/starters`: questions about papers of the served corpus. */
  starters: RequestState<StartersResponse>;
  onAsk: (question: string) => void;
  disabled?: boolean;
}

/** The empty chat: what paperchat does, and questions about the served corpus to start with. */
export function StarterQuestions({ starters, onAsk, disabled }: StarterQuestionsProps) {
  const questions = starters.data?.starters ?? [];
  return (
    <section className="starter" aria-labelledby="starter-heading">
      <h2 id="starter-heading">Ask the papers</h2>
      <p>
        Answers quote the abstracts word for word and cite them as{" "}
        <span className="citation">[n]</span>.{" "}
        {starters.loading
          ? "Finding questions to start with…"
          : questions.length > 0
            ? "Try one of these:"
            : "Type a question below."}
      </p>
      {questions.length > 0 && (
        <ul className="starter-questions" aria-label="Questions to start with">
          {questions.map(({ question, paperId }) => (
            <li key={paperId}>
              <button type="button" disabled={disabled} onClick={() => onAsk(question)}>
                {question}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
