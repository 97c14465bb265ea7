import type { UIMessage } from "ai";
import type { PaperFacts, SearchResult, Snippet } from "../api/types.ts";

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

/** Score and snippets out of loosely typed JSON (a result, or a source part's provider metadata). */
function sourceDetails(value: Record<string, unknown>): Pick<Source, "score" | "snippets"> {
  return {
    score: typeof value.score === "number" ? value.score : Number.NaN,
    snippets: Array.isArray(value.snippets) ? value.snippets.flatMap(asSnippet) : [],
  };
}

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

/** The paper's metadata out of loosely typed JSON: each field only when it has the right type. */
function sourceFacts(value: Record<string, unknown>): PaperFacts {
  const facts: PaperFacts = {};
  if (isStringList(value.authors)) facts.authors = value.authors;
  if (typeof value.year === "number") facts.year = value.year;
  if (isStringList(value.categories)) facts.categories = value.categories;
  if (typeof value.doi === "string") facts.doi = value.doi;
  if (typeof value.url === "string" && /^https?:\/\//.test(value.url)) facts.url = value.url;
  return facts;
}

/** Reads one search result out of loosely typed JSON; anything without an id and title is not one. */
function asSource(value: unknown): Source | undefined {
  if (!isRecord(value)) return undefined;
  const id = value.id ?? value.paperId;
  if (typeof id !== "string" || typeof value.title !== "string") return undefined;
  return { id, title: value.title, ...sourceDetails(value), ...sourceFacts(value) };
}

/** A data part whose payload is a list of search results (`SearchResult[]` or `{ results }`). */
function sourcesInDataPart(part: Part): Source[] | undefined {
  if (!part.type.startsWith("data-") || !("data" in part)) return undefined;
  const data = isRecord(part.data) && "results" in part.data ? part.data.results : part.data;
  if (!Array.isArray(data)) return undefined;
  const sources = data.map(asSource);
  return sources.every((s) => s !== undefined) ? (sources as Source[]) : undefined;
}

/** A `source-document` / `source-url` part, with the score and snippets its provider metadata carries. */
function sourceInSourcePart(part: Part): Source | undefined {
  if (part.type !== "source-document" && part.type !== "source-url") return undefined;
  const metadata = Object.values(part.providerMetadata ?? {}).find(
    (value) => isRecord(value) && ("snippets" in value || "score" in value),
  );
  return {
    id: part.sourceId,
    title: part.title ?? part.sourceId,
    ...sourceDetails(isRecord(metadata) ? metadata : {}),
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
 * The text the server retrieved an answer's papers with (a follow-up includes the earlier
 * questions it refers to), read from the `data-sources` part or the message metadata;
 * undefined when the server sent neither.
 *
 * @example
 * questionTerms(messageQuery(answer) ?? question);
 */
export function messageQuery(message: UIMessage): string | undefined {
  for (const part of message.parts.toReversed()) {
    if (part.type.startsWith("data-") && "data" in part && isRecord(part.data)) {
      if (typeof part.data.query === "string") return part.data.query;
    }
  }
  const metadata = message.metadata;
  return isRecord(metadata) && typeof metadata.query === "string" ? metadata.query : undefined;
}
