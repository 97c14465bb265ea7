import { messageFromErrorBody, SERVER_DOWN_MESSAGE } from "./error-message.ts";

/** A request that failed: the server answered an error status, or could not be reached (0). */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "RequestError";
  }
}

/**
 * Fetches JSON from the paperchat server; any failure becomes a `RequestError` whose message
 * can be shown to the person as is. Aborts propagate unchanged.
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
    throw new RequestError(SERVER_DOWN_MESSAGE, 0);
  }
  if (!response.ok) {
    const body = await response.text().catch(() => "");
    throw new RequestError(messageFromErrorBody(body, response.status), response.status);
  }
  return (await response.json()) as T;
}
