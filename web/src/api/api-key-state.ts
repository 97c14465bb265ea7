/** What the page knows about the server's API key. */
export interface ApiKeyState {
  /** The key sent with every API request, or `null` when there is none. */
  key: string | null;
  /** The server's reason for refusing the last request (a missing or wrong key); while set, the page asks for a key. */
  refusal: string | null;
}

export type ApiKeyEvent =
  /** The person entered a key the server accepts. */
  | { type: "saved"; key: string }
  /** The person asked the page to forget the key. */
  | { type: "forgotten" }
  /** The server answered 401 to a request sent with `sentKey`. */
  | { type: "refused"; sentKey: string | null; message: string };

/**
 * The state after `event`. A refusal drops the key it refused and asks for another; a refusal
 * of a key that has been replaced or forgotten since the request left changes nothing (the
 * same object comes back).
 *
 * @example
 * nextApiKeyState({ key: null, refusal: null }, { type: "refused", sentKey: null, message: "Missing API key." });
 * // { key: null, refusal: "Missing API key." }
 */
export function nextApiKeyState(state: ApiKeyState, event: ApiKeyEvent): ApiKeyState {
  switch (event.type) {
    case "saved":
      return { key: event.key, refusal: null };
    case "forgotten":
      return { key: null, refusal: null };
    case "refused":
      if (event.sentKey !== state.key) return state;
      return { key: null, refusal: event.message };
  }
}
