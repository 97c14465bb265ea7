import { messageFromErrorBody, SERVER_DOWN_MESSAGE } from "./error-message.ts";

/**
 * Fetches JSON from the paperchat server; any failure becomes an `Error` whose message can be
 * shown to the person as is. Aborts propagate unchanged.
 *
 * @example
 * const health = await requestJson<Health>("/api/health");
 */
export async function requestJson<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { accept: "application/json", ...init?.headers },
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new Error(SERVER_DOWN_MESSAGE);
  }
  if (!response.ok) {
    const body = await response.text().catch(() => "");
    throw new Error(messageFromErrorBody(body, response.status));
  }
  return (await response.json()) as T;
}
