import { useEffect, useId, useRef, useState } from "react";
import { collectionsApi } from "../api/collections-api.ts";
import { useCollections } from "../library/use-collections.ts";
import { NewCollectionForm } from "./NewCollectionForm.tsx";
import { StatusLine } from "./StatusLine.tsx";

export interface SaveControlProps {
  paperId: string;
  title: string;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * "Save" on a paper: opens a panel with a checkbox per collection (checked where the paper is
 * already saved; ticking saves it, unticking takes it out) and a field to save it to a new
 * collection. Escape closes the panel and gives focus back to the button.
 */
export function SaveControl({ paperId, title }: SaveControlProps) {
  const collections = useCollections();
  const [open, setOpen] = useState(false);
  const [savedIn, setSavedIn] = useState<ReadonlySet<string>>();
  const [error, setError] = useState<string>();
  const button = useRef<HTMLButtonElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const names = collections.summaries?.map((summary) => summary.name);
  const namesKey = names && JSON.stringify(names);
  const { revision } = collections;

  // Which collections hold the paper, read when the panel opens and after every change.
  useEffect(() => {
    if (!open || namesKey === undefined || revision < 0) return;
    let current = true;
    const list: string[] = JSON.parse(namesKey);
    Promise.all(list.map((name) => collectionsApi.get(name))).then(
      (list) => {
        if (!current) return;
        const holding = list.filter((c) => c.papers.some((paper) => paper.id === paperId));
        setSavedIn(new Set(holding.map((c) => c.name)));
      },
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [open, namesKey, paperId, revision]);

  const toggle = async (name: string, save: boolean) => {
    setError(undefined);
    try {
      await (save ? collections.addPaper(name, paperId) : collections.removePaper(name, paperId));
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  // Escape, while focus is in the control, closes the panel and gives focus back to its button.
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !container.current?.contains(document.activeElement)) return;
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [open]);

  return (
    <div className="save-control" ref={container}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Save “${title}” to a collection`}
        onClick={() => setOpen((was) => !was)}
      >
        {savedIn && savedIn.size > 0 ? "Saved ✓" : "Save"}
      </button>
      <div id={panelId} className="save-panel" hidden={!open}>
        {open && (
          <>
            <fieldset>
              <legend>Save to</legend>
              {names?.length === 0 && <p className="muted">No collections yet.</p>}
              {names?.map((name) => (
                <label key={name} className="save-choice">
                  <input
                    type="checkbox"
                    checked={savedIn?.has(name) ?? false}
                    disabled={!savedIn}
                    onChange={(event) => void toggle(name, event.target.checked)}
                  />
                  {name}
                </label>
              ))}
            </fieldset>
            <NewCollectionForm
              label="New collection"
              action="Create and save"
              onCreate={async (name) => {
                await collections.create(name);
                await collections.addPaper(name, paperId);
              }}
            />
            {error && <StatusLine error={error} />}
          </>
        )}
      </div>
    </div>
  );
}
