import type { Collection } from "@contract/collections.ts";
import type { FilterFields } from "@contract/filter-fields.ts";
import { useEffect, useId, useState } from "react";
import { collectionsApi } from "../api/collections-api.ts";
import { useCollections } from "../library/use-collections.ts";
import { ExportButtons } from "./ExportButtons.tsx";
import { NewCollectionForm } from "./NewCollectionForm.tsx";
import { useOpenPaper } from "./open-paper-context.ts";
import { RecommendedPapers } from "./RecommendedPapers.tsx";
import { StatusLine } from "./StatusLine.tsx";

export interface CollectionPanelProps {
  name: string;
  filter: FilterFields;
  /** Called with the new name after a rename, or with null after a deletion. */
  onRenamed: (name: string | null) => void;
}

/** One collection: its papers (missing ones marked), rename, delete, export and Recommended. */
export function CollectionPanel({ name, filter, onRenamed }: CollectionPanelProps) {
  const collections = useCollections();
  const openPaper = useOpenPaper();
  const [collection, setCollection] = useState<Collection>();
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const headingId = useId();
  const { revision } = collections;

  useEffect(() => {
    let current = true;
    setError(undefined);
    collectionsApi.get(name).then(
      (loaded) => current && revision >= 0 && setCollection(loaded),
      (failure: unknown) => current && setError((failure as Error).message ?? String(failure)),
    );
    return () => {
      current = false;
    };
  }, [name, revision]);

  const run = async (change: () => Promise<void>) => {
    setError(undefined);
    try {
      await change();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <section className="collection-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{name}</h2>
      {error && <StatusLine error={error} />}
      <div className="collection-tools">
        <ExportButtons name={name} />
        <NewCollectionForm
          label="Rename to"
          action="Rename"
          initial={name}
          onCreate={async (to) => {
            await collections.rename(name, to);
            onRenamed(to);
          }}
        />
        {confirming ? (
          <fieldset className="confirm">
            <legend>Delete “{name}”? Its papers stay in the corpus.</legend>
            <button
              type="button"
              className="stop-button"
              onClick={() =>
                run(async () => {
                  await collections.delete(name);
                  onRenamed(null);
                })
              }
            >
              Delete
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </fieldset>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            Delete collection…
          </button>
        )}
      </div>
      <h3>Papers</h3>
      {!collection && !error && <StatusLine>Loading the collection…</StatusLine>}
      {collection?.papers.length === 0 && (
        <StatusLine>No papers yet: use Save on any paper to add it here.</StatusLine>
      )}
      {collection && collection.papers.length > 0 && (
        <ul className="collection-papers" aria-label={`Papers in ${name}`}>
          {collection.papers.map((paper) => (
            <li key={paper.id}>
              {paper.missing ? (
                <span>
                  {paper.title} <span className="badge off">no longer in the corpus</span>
                </span>
              ) : (
                <button type="button" className="link-button" onClick={() => openPaper(paper.id)}>
                  {paper.title}
                </button>
              )}
              <button
                type="button"
                aria-label={`Remove “${paper.title}” from ${name}`}
                onClick={() => run(() => collections.removePaper(name, paper.id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>Recommended</h3>
      {collection && <RecommendedPapers collection={collection} filter={filter} />}
    </section>
  );
}
