import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { parseApiKey } from "../api/api-key-header.ts";
import { apiKeyRefusal } from "../api/check-api-key.ts";

export interface ApiKeyFormProps {
  /** The server's reason for asking: the key is missing or wrong. */
  refusal: string;
  /** Called with a key the server accepted. */
  onSave: (key: string) => void;
}

/**
 * Asks for the key a server started with `PAPERCHAT_API_KEY` requires, checks it with the server
 * and hands it on; a key the server refuses shows its message again.
 */
export function ApiKeyForm({ refusal, onSave }: ApiKeyFormProps) {
  const [input, setInput] = useState("");
  const [problem, setProblem] = useState<string>();
  const [checking, setChecking] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const inputId = useId();
  const explanationId = useId();
  const messageId = useId();

  // The form appears because something the person just did was refused: take them to it.
  useEffect(() => field.current?.focus(), []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseApiKey(input);
    if ("problem" in parsed) {
      setProblem(parsed.problem);
      return;
    }
    setChecking(true);
    const refused = await apiKeyRefusal(parsed.key);
    setChecking(false);
    if (refused === undefined) onSave(parsed.key);
    else setProblem(refused);
  };

  return (
    <form className="api-key-form" aria-labelledby={headingId} onSubmit={onSubmit}>
      <h2 id={headingId}>API key required</h2>
      <p id={explanationId}>
        This server requires an API key. Enter it, then try again; the page keeps it only until you
        close this tab.
      </p>
      <p id={messageId} className="api-key-message" role="alert">
        {problem ?? refusal}
      </p>
      <div className="api-key-row">
        <label htmlFor={inputId}>API key</label>
        <input
          ref={field}
          id={inputId}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={input}
          aria-describedby={`${explanationId} ${messageId}`}
          onChange={(event) => setInput(event.target.value)}
        />
        <button type="submit" className="primary-button" disabled={checking}>
          {checking ? "Checking…" : "Save"}
        </button>
      </div>
    </form>
  );
}
