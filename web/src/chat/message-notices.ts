import type { PaperchatUIMessage } from "@contract/chat-message.ts";

/**
 * What the server wants the reader to know about an answer (`data-notice` parts, e.g. that the
 * language model failed and the answer is quoted instead), as sentences.
 *
 * @example
 * messageNotices(answer); // ["The language model llama3 answered HTTP 500, so this answer …"]
 */
export function messageNotices(message: PaperchatUIMessage): string[] {
  return message.parts.flatMap((part) => (part.type === "data-notice" ? [part.data.message] : []));
}
