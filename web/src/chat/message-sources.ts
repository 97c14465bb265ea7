import type { PaperchatUIMessage } from "@contract/chat-message.ts";
import type { SearchResult } from "@contract/search-response.ts";

/** A retrieved paper as the page shows it: a search result, cited as `[n]` by its place. */
export type Source = SearchResult;

/** The last `data-sources` part of a reply (the server sends one, before the answer's text). */
function sourcesPart(message: PaperchatUIMessage) {
  return message.parts.findLast((part) => part.type === "data-sources");
}

/**
 * The papers an assistant message retrieved, in citation order (`[1]` is the first), as its
 * `data-sources` part carries them; none before that part has arrived.
 *
 * @example
 * messageSources(message).map((source) => source.title);
 */
export function messageSources(message: PaperchatUIMessage): Source[] {
  return sourcesPart(message)?.data.results ?? [];
}

/**
 * The text the server retrieved an answer's papers with (a follow-up includes the earlier
 * questions it refers to), read from the `data-sources` part or the message metadata;
 * undefined when the server sent neither.
 *
 * @example
 * questionTerms(messageQuery(answer) ?? question);
 */
export function messageQuery(message: PaperchatUIMessage): string | undefined {
  return sourcesPart(message)?.data.query ?? message.metadata?.query;
}
