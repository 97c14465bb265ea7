import { createUIMessageStream, type UIMessageStreamWriter } from "ai";
import type { AnsweredBy, PaperchatUIMessage } from "../contract/chat-message.ts";
import type { ChatMessageLike } from "../contract/message-text.ts";
import type { PaperFilter } from "../contract/paper-filter.ts";
import type { SearchResult } from "../contract/search-response.ts";
import type { SearchEngine } from "../search/search-engine.ts";
import type { LlmSettings } from "../settings/llm-settings.ts";
import { userTexts } from "./chat-turns.ts";
import { composeExtractiveAnswer } from "./extractive-answer.ts";
import { followUpChain, retrievalQuery } from "./follow-up.ts";
import { LlmAnswerError, streamLlmAnswer } from "./stream-llm-answer.ts";

export interface AnswerChatOptions {
  engine: Pick<SearchEngine, "searchPapers">;
  /** The conversation as `useChat` sends it; the last user turn is answered. */
  messages: readonly ChatMessageLike[];
  /** How many papers to retrieve and stream as sources. */
  k: number;
  /** Retrieve only papers that pass this filter (year range, categories). */
  filter?: PaperFilter;
  /** Write the answer with this model; extractive when absent or when it fails. */
  llm?: LlmSettings;
  /** Longest retrieval query (a follow-up's earlier turns are dropped first). */
  maxQueryChars?: number;
  /** Stops the answer when the client goes away. */
  signal?: AbortSignal;
  /** Told when the language model fails (the reader gets the extractive answer instead). */
  onLlmError?: (error: LlmAnswerError) => void;
  /** Turns an unexpected error into the text of the stream's `error` chunk. */
  onError?: (error: unknown) => string;
}

type Writer = UIMessageStreamWriter<PaperchatUIMessage>;

function writeText(writer: Writer, id: string, text: string): void {
  writer.write({ type: "text-start", id });
  writer.write({ type: "text-delta", id, delta: text });
  writer.write({ type: "text-end", id });
}

function writeSources(writer: Writer, query: string, sources: readonly SearchResult[]): void {
  sources.forEach((source, i) => {
    writer.write({
      type: "source-document",
      sourceId: source.id,
      mediaType: "text/plain",
      title: source.title,
      providerMetadata: {
        paperchat: {
          id: source.id,
          title: source.title,
          n: i + 1,
          score: source.score,
          snippets: source.snippets.map(({ text, start, end, score }) => ({
            text,
            start,
            end,
            score,
          })),
        },
      },
    });
  });
  writer.write({ type: "data-sources", id: "sources", data: { query, results: [...sources] } });
}

/** Streams the model's answer; returns how the answer ended up being written. */
async function writeLlmAnswer(
  writer: Writer,
  options: AnswerChatOptions & { llm: LlmSettings },
  chain: readonly string[],
  sources: readonly SearchResult[],
): Promise<AnsweredBy> {
  const id = "answer";
  let started = false;
  try {
    const answer = streamLlmAnswer({
      llm: options.llm,
      question: chain.at(-1)!,
      earlier: chain.slice(0, -1),
      sources,
      signal: options.signal,
    });
    for await (const delta of answer) {
      if (!started) writer.write({ type: "text-start", id });
      started = true;
      writer.write({ type: "text-delta", id, delta });
    }
    writer.write({ type: "text-end", id });
    return "llm";
  } catch (error) {
    if (!(error instanceof LlmAnswerError) || options.signal?.aborted) throw error;
    if (started) writer.write({ type: "text-end", id });
    options.onLlmError?.(error);
    const message = `${error.message}, so this answer is quoted from the papers instead.`;
    writer.write({ type: "data-notice", data: { kind: "llm-fallback", message } });
    writeText(writer, "fallback", `_${message}_\n\n${composeExtractiveAnswer(sources)}`);
    return "extractive-fallback";
  }
}

/** The papers retrieved for the conversation's last question, and the query that found them. */
interface Retrieved {
  turns: string[];
  query: string;
  sources: SearchResult[];
}

/** Retrieves the papers for the last user turn (with the turns a follow-up refers to). */
async function retrieve(options: AnswerChatOptions): Promise<Retrieved> {
  const turns = userTexts(options.messages);
  const query = retrievalQuery(turns, { maxChars: options.maxQueryChars });
  // The last turn is what is asked now: its form, not the chain's, picks the snippets.
  const asked = turns.at(-1);
  const sources = await options.engine.searchPapers(query, options.k, options.filter, asked);
  return { turns, query, sources };
}

/** Writes the sources and the answer. */
async function writeReply(
  writer: Writer,
  options: AnswerChatOptions,
  { turns, query, sources }: Retrieved,
): Promise<void> {
  const limits = { maxChars: options.maxQueryChars };
  writer.write({ type: "start", messageMetadata: { query } });
  writeSources(writer, query, sources);
  let answeredBy: AnsweredBy = "extractive";
  if (options.llm && sources.length > 0) {
    // The model sees the turns the papers were retrieved with, the question last.
    const chain = followUpChain(turns, limits);
    answeredBy = await writeLlmAnswer(writer, { ...options, llm: options.llm }, chain, sources);
  } else {
    writeText(writer, "answer", composeExtractiveAnswer(sources));
  }
  const model = answeredBy === "llm" ? options.llm?.model : undefined;
  writer.write({ type: "finish", messageMetadata: { query, answeredBy, model } });
}

/**
 * Answers the last user turn as an AI SDK UI message stream: retrieves papers for it (with the
 * earlier turns a follow-up refers to) before the stream starts, so that a store that cannot
 * answer fails the request instead of the stream; then streams them as sources, and an answer
 * that cites them as `[n]` in source order: quoted from their snippets, or written by `llm` from
 * those snippets only (falling back to the quoted answer, with a notice, when the model fails).
 *
 * @example
 * const stream = await answerChat({ engine, messages, k: 5 });
 * return createUIMessageStreamResponse({ stream });
 */
export async function answerChat(options: AnswerChatOptions) {
  const retrieved = await retrieve(options);
  return createUIMessageStream<PaperchatUIMessage>({
    onError: options.onError,
    async execute({ writer }) {
      try {
        await writeReply(writer, options, retrieved);
      } catch (error) {
        // A client that went away needs no error chunk, and the log needs no stack.
        if (!options.signal?.aborted) throw error;
      }
    },
  });
}
