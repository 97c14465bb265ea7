import type { UIMessage } from "ai";
import type { SearchResult } from "./search-response.ts";

/** How the answer text of a reply was written. */
export type AnsweredBy = "extractive" | "llm" | "extractive-fallback";

/** Message metadata of an assistant reply (`message.metadata` in `useChat`). */
export type ChatMetadata = {
  /** The text papers were retrieved with (the question, with a follow-up's earlier turns). */
  query: string;
  /** Set on the reply's `finish` chunk. */
  answeredBy?: AnsweredBy;
  /** The language model that wrote the answer, when one did. */
  model?: string;
};

/** Custom `data-*` parts of a reply. */
export type ChatDataParts = {
  /** `data-sources`: the retrieved papers in source order; `[n]` in the answer is `results[n - 1]`. */
  sources: { query: string; results: SearchResult[] };
  /** `data-notice`: something the reader should know, e.g. that the language model failed. */
  notice: { kind: "llm-fallback"; message: string };
};

/**
 * The UI message `POST /api/chat` streams; use it as `useChat<PaperchatUIMessage>()`.
 * Parts, in order: one `source-document` per paper (`sourceId` = paper id, `title`, and
 * `providerMetadata.paperchat` = `{ id, title, n, score, snippets }`), one `data-sources`, then the answer's
 * `text` part(s) citing `[n]`; a `data-notice` comes before a fallback answer.
 */
export type PaperchatUIMessage = UIMessage<ChatMetadata, ChatDataParts>;
