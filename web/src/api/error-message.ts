/** Shown when the page cannot reach the server at all. */
export const SERVER_DOWN_MESSAGE =
  "Cannot reach the paperchat server. Check that it is running, then try again.";

/**
 * Reads the person-facing message out of an error body (`{"error": {"message"}}`), falling
 * back to the raw text, or to the HTTP status when the body is empty.
 *
 * @example
 * messageFromErrorBody('{"error":{"message":"question is too long","type":"invalid_request"}}');
 * // "question is too long"
 */
export function messageFromErrorBody(body: string, status?: number): string {
  const text = body.trim();
  const error = errorMember(text);
  if (typeof error === "string") return error;
  if (typeof error === "object" && error !== null && "message" in error) {
    if (typeof error.message === "string") return error.message;
  }
  if (text && !text.startsWith("<")) return text;
  return status ? `The server answered ${status}.` : "Something went wrong.";
}

/** The `error` member of a JSON error body; `undefined` when the body is not one. */
function errorMember(body: string): unknown {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && "error" in parsed) return parsed.error;
  } catch {
    // Not JSON.
  }
  return undefined;
}

/**
 * Whether the chat transport's error is the server refusing a missing or wrong API key
 * (`code: "invalid_api_key"`), which the page answers with its key form rather than a notice.
 *
 * @example
 * isApiKeyError(new Error('{"error":{"message":"Missing API key.","code":"invalid_api_key"}}')); // true
 */
export function isApiKeyError(error: unknown): boolean {
  const member = errorMember(error instanceof Error ? error.message : String(error));
  return (
    typeof member === "object" &&
    member !== null &&
    "code" in member &&
    member.code === "invalid_api_key"
  );
}

/**
 * Turns anything thrown by `fetch` or by the chat transport into one sentence for the person:
 * network failures say the server is down, HTTP error bodies give their `error.message`.
 *
 * @example
 * describeError(new TypeError("Failed to fetch")); // SERVER_DOWN_MESSAGE
 */
export function describeError(error: unknown): string {
  if (error instanceof TypeError) return SERVER_DOWN_MESSAGE;
  if (error instanceof Error) return messageFromErrorBody(error.message);
  return messageFromErrorBody(String(error));
}
