/** A chat message as the AI SDK's clients send it, reduced to what paperchat reads. */
export interface ChatMessageLike {
  role: string;
  parts: readonly { type: string; text?: unknown }[];
}

/**
 * The text of a message: its text parts joined, trimmed (sources, files and data parts are
 * ignored). The server reads questions with it; the page, what to put back in the box.
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
