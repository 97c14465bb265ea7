import { useSyncExternalStore } from "react";
import type { ApiKeyState } from "./api-key-state.ts";
import { type ApiKeyStore, apiKeyStore } from "./api-key-store.ts";

/** The page's API key state, and what the person can do with it. */
export interface ApiKeyControls extends ApiKeyState {
  /** Keeps a key the server accepted, for every request from now on. */
  save: (key: string) => void;
  /** Drops the key from the tab. */
  forget: () => void;
}

/**
 * Follows the API key store: re-renders when a key is saved, forgotten or refused.
 *
 * @example
 * const { key, refusal, save, forget } = useApiKey();
 */
export function useApiKey(store: ApiKeyStore = apiKeyStore): ApiKeyControls {
  const state = useSyncExternalStore(store.subscribe, store.get);
  return {
    ...state,
    save: (key) => store.dispatch({ type: "saved", key }),
    forget: () => store.dispatch({ type: "forgotten" }),
  };
}
