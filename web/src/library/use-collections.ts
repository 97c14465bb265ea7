import type { CollectionSummary } from "@contract/collections.ts";
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { collectionsApi } from "../api/collections-api.ts";

/** The page's collections, and the changes it can make to them. */
export interface CollectionsState {
  /** By name; undefined until the first list arrives. */
  summaries?: CollectionSummary[];
  /** A sentence for the person when the list could not be read. */
  error?: string;
  /** Goes up after every change, so that views showing a collection read it again. */
  revision: number;
  reload(): void;
  create(name: string): Promise<void>;
  rename(name: string, to: string): Promise<void>;
  delete(name: string): Promise<void>;
  addPaper(name: string, paperId: string): Promise<void>;
  removePaper(name: string, paperId: string): Promise<void>;
}

/**
 * Keeps the list of collections (`GET /api/collections`) and makes changes through the API,
 * reading the list again after each; a failed change throws an `Error` to show.
 *
 * @example
 * const collections = useCollectionsState(apiKey.key);
 * await collections.addPaper("Reading", paper.id);
 */
export function useCollectionsState(apiKey: string | null): CollectionsState {
  const [summaries, setSummaries] = useState<CollectionSummary[]>();
  const [error, setError] = useState<string>();
  const [revision, setRevision] = useState(0);

  const reload = useCallback(() => {
    collectionsApi.list().then(
      (list) => {
        setSummaries(list.collections);
        setError(undefined);
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, []);

  // Read again once a key is saved: the list is behind the API key.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `apiKey` is the reload trigger.
  useEffect(reload, [reload, apiKey]);

  return useMemo(() => {
    const change = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } finally {
        setRevision((n) => n + 1);
        reload();
      }
    };
    return {
      summaries,
      error,
      revision,
      reload,
      create: (name) => change(() => collectionsApi.create(name)),
      rename: (name, to) => change(() => collectionsApi.rename(name, to)),
      delete: (name) => change(() => collectionsApi.delete(name)),
      addPaper: (name, id) => change(() => collectionsApi.add(name, id)),
      removePaper: (name, id) => change(() => collectionsApi.remove(name, id)),
    };
  }, [summaries, error, revision, reload]);
}

/** The page's collections, for any component below {@link App}. */
export const CollectionsContext = createContext<CollectionsState | null>(null);

/**
 * The page's collections (see {@link useCollectionsState}).
 *
 * @example
 * const { summaries, addPaper } = useCollections();
 */
export function useCollections(): CollectionsState {
  const state = useContext(CollectionsContext);
  if (!state) throw new Error("useCollections is used outside CollectionsContext");
  return state;
}
