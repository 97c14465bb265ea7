/** Questions the bundled corpus answers well, offered on an empty chat. */
export const STARTER_QUESTIONS = [
  "How can graph convolution be simplified for recommendation?",
  "Do concept bottleneck models learn semantically meaningful concepts?",
  "Which methods make neural architecture search cheaper?",
  "How do hypernetworks help continual learning?",
] as const;

export interface StarterQuestionsProps {
  onAsk: (question: string) => void;
  disabled?: boolean;
}

/** The empty chat: what paperchat does, and a few questions to start with. */
export function StarterQuestions({ onAsk, disabled }: StarterQuestionsProps) {
  return (
    <section className="starter" aria-labelledby="starter-heading">
      <h2 id="starter-heading">Ask the papers</h2>
      <p>
        Answers quote the abstracts word for word and cite them as{" "}
        <span className="citation">[n]</span>. Try one of these:
      </p>
      <ul className="starter-questions">
        {STARTER_QUESTIONS.map((question) => (
          <li key={question}>
            <button type="button" disabled={disabled} onClick={() => onAsk(question)}>
              {question}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
