import { parseApiKey } from "./api-key-header.ts";
import { type ApiKeyEvent, type ApiKeyState, nextApiKeyState } from "./api-key-state.ts";

export interface ApiKeyStoreOptions {
  /** Where the key outlives a reload (the tab's `sessionStorage`); without it, memory only. */
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem">;
}

/** The page's API key, shared by every request and by the components that show it. */
export interface ApiKeyStore {
  /** The current state: the same object until it changes (as `useSyncExternalStore` needs). */
  get(): ApiKeyState;
  dispatch(event: ApiKeyEvent): void;
  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** The storage entry that holds the key. */
export const API_KEY_STORAGE_ITEM = "paperchat.apiKey";

/**
 * Creates the key store, starting from the key in `storage` (if it is one a header can carry)
 * and writing each new key back. Storage that refuses (quota, privacy settings) leaves the key
 * in memory for this page.
 *
 * @example
 * const store = createApiKeyStore({ storage: sessionStorage });
 * store.dispatch({ type: "saved", key: "s3cret" });
 */
export function createApiKeyStore({ storage }: ApiKeyStoreOptions = {}): ApiKeyStore {
  const stored = parseApiKey(storage?.getItem(API_KEY_STORAGE_ITEM) ?? "");
  let state: ApiKeyState = { key: "key" in stored ? stored.key : null, refusal: null };
  const listeners = new Set<() => void>();
  const persist = (key: string | null) => {
    try {
      if (key === null) storage?.removeItem(API_KEY_STORAGE_ITEM);
      else storage?.setItem(API_KEY_STORAGE_ITEM, key);
    } catch {
      // Storage is full or blocked: the key lasts until the page is reloaded.
    }
  };
  return {
    get: () => state,
    dispatch(event) {
      const next = nextApiKeyState(state, event);
      if (next === state) return;
      if (next.key !== state.key) persist(next.key);
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The tab's `sessionStorage`, or nothing where there is none or it is blocked. */
function tabStorage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/** The page's one store: the key lasts as long as the tab, not beyond (sessionStorage). */
export const apiKeyStore = createApiKeyStore({ storage: tabStorage() });
