import { apiFetch } from "./api-fetch.ts";
import { messageFromErrorBody, SERVER_DOWN_MESSAGE } from "./error-message.ts";

/**
 * Fetches JSON from the paperchat server, with the page's API key (see {@link apiFetch}); any failure
 * becomes an `Error` whose message can be shown to the person as is: the server is down or hung
 * up, it answered with an error, or its reply is not JSON (a proxy's HTML page, a cut-off
 * body). A 204 (No Content) resolves with `undefined`. Aborts propagate unchanged.
 *
 * @example
 * const health = await requestJson<Health>("/api/health");
 */
export async function requestJson<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  let body: string;
  try {
    response = await apiFetch(path, {
      ...init,
      headers: { accept: "application/json", ...init?.headers },
    });
    body = await response.text();
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new Error(SERVER_DOWN_MESSAGE);
  }
  if (!response.ok) throw new Error(messageFromErrorBody(body, response.status));
  // 204 No Content (a deletion): there is nothing to read.
  if (response.status === 204) return undefined as T;
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new Error(
      `The server sent a reply that is not JSON (HTTP ${response.status} from ${path}). Is this the paperchat server?`,
    );
  }
}
