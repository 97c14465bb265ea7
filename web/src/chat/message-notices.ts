import type { UIMessage } from "ai";

/**
 * What the server wants the reader to know about an answer (`data-notice` parts, e.g. that the
 * language model failed and the answer is quoted instead), as sentences.
 *
 * @example
 * messageNotices(answer); // ["The language model llama3 answered HTTP 500, so this answer …"]
 */
export function messageNotices(message: UIMessage): string[] {
  return message.parts.flatMap((part) => {
    if (part.type !== "data-notice" || !("data" in part)) return [];
    const { data } = part;
    if (typeof data === "string") return [data];
    if (typeof data === "object" && data !== null && "message" in data) {
      return typeof data.message === "string" ? [data.message] : [];
    }
    return [];
  });
}
