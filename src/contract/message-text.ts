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

/**
 * Characters that count as blank in a question: JavaScript's and Python's whitespace together,
 * so that the JSON Schema `pattern` that says "not blank" means the same to every client.
 */
const BLANK =
  "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";

/** A JSON Schema `pattern` (and a RegExp source) for text with at least one non-blank character. */
export const NOT_BLANK_PATTERN = `[^${BLANK}]`;

const NOT_BLANK = new RegExp(NOT_BLANK_PATTERN, "u");

/**
 * Whether a text holds anything but blanks (see `NOT_BLANK_PATTERN`).
 *
 * @example
 * hasText(" \u3000"); // false
 */
export function hasText(text: string): boolean {
  return NOT_BLANK.test(text);
}
