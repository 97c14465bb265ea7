import type { UIMessage } from "ai";
import type { SearchResult, Snippet } from "../api/types.ts";

/** A retrieved paper as the page shows it; snippets may be empty when the server sent none. */
export type Source = SearchResult;

type Part = UIMessage["parts"][number];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

function asSnippet(value: unknown): Snippet[] {
  if (!isRecord(value) || typeof value.text !== "string") return [];
  const { text, start, end, score } = value;
  return [
    {
      text,
      start: typeof start === "number" ? start : -1,
      end: typeof end === "number" ? end : -1,
      score: typeof score === "number" ? score : 0,
    },
  ];
}

/** Reads one search result out of loosely typed JSON; anything without an id and title is not one. */
export function asSource(value: unknown): Source | undefined {
  if (!isRecord(value)) return undefined;
  const id = value.id ?? value.paperId ?? value.sourceId;
  if (typeof id !== "string" || typeof value.title !== "string") return undefined;
  return {
    id,
    title: value.title,
    score: typeof value.score === "number" ? value.score : Number.NaN,
    snippets: Array.isArray(value.snippets) ? value.snippets.flatMap(asSnippet) : [],
  };
}

/** A data part whose payload is a list of search results (`SearchResult[]` or `{ results }`). */
function sourcesInDataPart(part: Part): Source[] | undefined {
  if (!part.type.startsWith("data-") || !("data" in part)) return undefined;
  const data = isRecord(part.data) && "results" in part.data ? part.data.results : part.data;
  if (!Array.isArray(data)) return undefined;
  const sources = data.map(asSource);
  return sources.every((s) => s !== undefined) ? (sources as Source[]) : undefined;
}

/** A `source-document` / `source-url` part, with whatever details its provider metadata carries. */
function sourceInSourcePart(part: Part): Source | undefined {
  if (part.type !== "source-document" && part.type !== "source-url") return undefined;
  const details = Object.values(part.providerMetadata ?? {})
    .map(asSource)
    .find(Boolean);
  return {
    id: details?.id ?? part.sourceId,
    title: part.title ?? details?.title ?? part.sourceId,
    score: details?.score ?? Number.NaN,
    snippets: details?.snippets ?? [],
  };
}

/**
 * The papers an assistant message retrieved, in citation order (`[1]` is the first). A data part
 * carrying search results wins, as it has scores and snippets; source parts fill in any gap.
 *
 * @example
 * messageSources(message).map((source) => source.title);
 */
export function messageSources(message: UIMessage): Source[] {
  const fromSourceParts = message.parts.flatMap((part) => sourceInSourcePart(part) ?? []);
  const fromData = message.parts.map(sourcesInDataPart).findLast((found) => found !== undefined);
  if (!fromData) return fromSourceParts;
  if (fromSourceParts.length <= fromData.length) return fromData;
  const known = new Set(fromData.map((source) => source.id));
  return [...fromData, ...fromSourceParts.filter((source) => !known.has(source.id))];
}

/**
 * All text of a message, its text parts joined.
 *
 * @example
 * messageText({ id: "1", role: "user", parts: [{ type: "text", text: "hi" }] }); // "hi"
 */
export function messageText(message: UIMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}
