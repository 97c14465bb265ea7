import { withApiKey } from "./api-key-header.ts";
import { type ApiKeyStore, apiKeyStore } from "./api-key-store.ts";
import { messageFromErrorBody } from "./error-message.ts";

export interface ApiFetchOptions {
  /** Holds the key to send and hears about refusals. */
  store: ApiKeyStore;
  /** The underlying fetch (default: the browser's). */
  fetch?: typeof fetch;
}

/** `fetch` with the page's API key: same arguments, same `Response`. */
export type ApiFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * Creates a `fetch` that sends the store's key as `Authorization: Bearer <key>` and, when the
 * server answers 401, tells the store (with the server's message), so that the page asks for a
 * key. The response comes back unread, for the caller to handle as any other error.
 *
 * @example
 * const apiFetch = createApiFetch({ store: apiKeyStore });
 * const transport = new DefaultChatTransport({ api: "/api/chat", fetch: apiFetch });
 */
export function createApiFetch({ store, fetch = globalThis.fetch }: ApiFetchOptions): ApiFetch {
  return async (input, init) => {
    const { key } = store.get();
    const response = await fetch(input, { ...init, headers: withApiKey(init?.headers, key) });
    if (response.status === 401) {
      const body = await response
        .clone()
        .text()
        .catch(() => "");
      store.dispatch({ type: "refused", sentKey: key, message: messageFromErrorBody(body, 401) });
    }
    return response;
  };
}

/** The page's `fetch` for its own API (`/api/*`, `/v1/*`), with the key of {@link apiKeyStore}. */
export const apiFetch = createApiFetch({ store: apiKeyStore });
