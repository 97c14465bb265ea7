import { collectionNameProblem } from "@contract/collection-name.ts";
import { type FormEvent, useId, useState } from "react";

export interface NewCollectionFormProps {
  /** The field's label, e.g. "New collection". */
  label: string;
  /** The button's text, e.g. "Create". */
  action: string;
  /** Makes the collection; a thrown `Error`'s message is shown under the field. */
  onCreate: (name: string) => Promise<void>;
  /** The name to start from (renaming). */
  initial?: string;
}

/**
 * A name field and a button: the name is checked as the server checks it (leading and trailing
 * spaces, length, control characters) before anything is sent.
 */
export function NewCollectionForm({
  label,
  action,
  onCreate,
  initial = "",
}: NewCollectionFormProps) {
  const [name, setName] = useState(initial);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const problemId = useId();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    const invalid = collectionNameProblem(name);
    if (invalid) return setProblem(`The name ${invalid}.`);
    setBusy(true);
    try {
      await onCreate(name);
      setProblem(undefined);
      setName(initial);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="name-form" onSubmit={onSubmit}>
      <label htmlFor={inputId}>{label}</label>
      <div className="name-row">
        <input
          id={inputId}
          value={name}
          maxLength={200}
          aria-invalid={problem !== undefined}
          aria-describedby={problem ? problemId : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" disabled={busy || name.trim() === ""}>
          {action}
        </button>
      </div>
      {problem && (
        <p id={problemId} className="status-line error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
