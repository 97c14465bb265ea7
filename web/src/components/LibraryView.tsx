import type { FilterFields } from "@contract/filter-fields.ts";
import { useEffect, useState } from "react";
import { useCollections } from "../library/use-collections.ts";
import { CollectionPanel } from "./CollectionPanel.tsx";
import { NewCollectionForm } from "./NewCollectionForm.tsx";
import { StatusLine } from "./StatusLine.tsx";

/**
 * The Library: the collections (pick one, or make a new one) and the chosen one's papers,
 * export buttons and recommendations, filtered by the page's filters.
 */
export function LibraryView({ filter }: { filter: FilterFields }) {
  const collections = useCollections();
  const { summaries, error, reload } = collections;
  const [chosen, setChosen] = useState<string | null>(null);

  // Show the first collection until the person picks one; forget one that is gone.
  useEffect(() => {
    if (!summaries) return;
    if (chosen === null || !summaries.some((summary) => summary.name === chosen)) {
      setChosen(summaries[0]?.name ?? null);
    }
  }, [summaries, chosen]);

  return (
    <div className="library">
      <nav className="collection-list" aria-label="Collections">
        <h2>Library</h2>
        {error && <StatusLine error={error} onRetry={reload} />}
        {summaries?.length === 0 && <StatusLine>No collections yet.</StatusLine>}
        <ul>
          {summaries?.map(({ name, papers }) => (
            <li key={name}>
              <button
                type="button"
                aria-current={name === chosen ? "true" : undefined}
                onClick={() => setChosen(name)}
              >
                <span className="collection-name">{name}</span>
                <span className="badge">{papers}</span>
              </button>
            </li>
          ))}
        </ul>
        <NewCollectionForm
          label="New collection"
          action="Create"
          onCreate={async (name) => {
            await collections.create(name);
            setChosen(name);
          }}
        />
      </nav>
      {chosen !== null && (
        <CollectionPanel key={chosen} name={chosen} filter={filter} onRenamed={setChosen} />
      )}
    </div>
  );
}
