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
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && "error" in parsed) {
      const error = parsed.error;
      if (typeof error === "string") return error;
      if (typeof error === "object" && error !== null && "message" in error) {
        if (typeof error.message === "string") return error.message;
      }
    }
  } catch {
    // Not JSON: the text itself is the message.
  }
  if (text && !text.startsWith("<")) return text;
  return status ? `The server answered ${status}.` : "Something went wrong.";
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
