import { withApiKey } from "./api-key-header.ts";
import { messageFromErrorBody, SERVER_DOWN_MESSAGE } from "./error-message.ts";

/** The cheapest request that needs the key. */
const PROTECTED_PATH = "/api/papers?limit=1";

/**
 * Asks the server whether it takes `key`: resolves to the sentence to show when it does not
 * (its own 401 message, or that it cannot be reached), or `undefined` when it does. Any other
 * answer does not question the key, so it counts as accepted.
 *
 * @example
 * const refusal = await apiKeyRefusal("s3cret"); // "Incorrect API key. …" or undefined
 */
export async function apiKeyRefusal(
  key: string,
  path = PROTECTED_PATH,
): Promise<string | undefined> {
  try {
    const response = await fetch(path, {
      headers: withApiKey({ accept: "application/json" }, key),
    });
    if (response.status !== 401) return undefined;
    return messageFromErrorBody(await response.text(), response.status);
  } catch {
    return SERVER_DOWN_MESSAGE;
  }
}
