import { type ChatMessageLike, hasText, messageText } from "../contract/message-text.ts";

/**
 * The texts of the user's turns, oldest first (empty turns skipped).
 *
 * @example
 * userTexts(messages); // ["sparse bayesian networks", "which of those is fastest?"]
 */
export function userTexts(messages: readonly ChatMessageLike[]): string[] {
  return messages
    .filter((message) => message.role === "user")
    .map(messageText)
    .filter(hasText);
}
