/** A chat message as the AI SDK's clients send it, reduced to what paperchat reads. */
export interface ChatMessageLike {
  role: string;
  parts: readonly { type: string; text?: unknown }[];
}

/** One turn of a conversation as plain text. */
export interface ChatTurn {
  role: "system" | "user" | "assistant";
  text: string;
}

/**
 * The text of a message: its text parts joined, trimmed (sources, files and data parts are
 * ignored).
 *
 * @example
 * messageText({ role: "user", parts: [{ type: "text", text: "graph networks" }] }); // "graph networks"
 */
export function messageText(message: ChatMessageLike): string {
  return message.parts
    .filter((part) => part.type === "text" && typeof part.text === "string")
    .map((part) => part.text as string)
    .join("\n")
    .trim();
}

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
    .filter((text) => text !== "");
}
