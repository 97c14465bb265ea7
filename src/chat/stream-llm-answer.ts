import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { APICallError, streamText } from "ai";
import type { SearchResult } from "../contract/search-response.ts";
import type { LlmSettings } from "../settings/llm-settings.ts";
import { createCitationFilter } from "./citations.ts";
import { groundedPrompt } from "./grounded-prompt.ts";

export interface StreamLlmAnswerOptions {
  llm: LlmSettings;
  question: string;
  /** Earlier user questions a follow-up refers to. */
  earlier?: readonly string[];
  /** Source n is `sources[n - 1]`; the answer may cite only these. */
  sources: readonly SearchResult[];
  /** Aborts the call (the client went away). */
  signal?: AbortSignal;
}

/** The language model gave no usable answer; `message` says why in words fit for the reader. */
export class LlmAnswerError extends Error {
  override readonly name = "LlmAnswerError";
}

function reasonOf(error: unknown, timedOut: boolean, llm: LlmSettings): string {
  if (timedOut) return `did not answer within ${llm.timeoutMs / 1000} s`;
  if (APICallError.isInstance(error)) {
    return error.statusCode ? `answered HTTP ${error.statusCode}` : "could not be reached";
  }
  return "failed";
}

/**
 * Streams an answer from an OpenAI-compatible chat model, grounded in the sources' snippets;
 * citations of numbers that are not sources are removed as the text streams. Throws
 * {@link LlmAnswerError} when the model fails, times out or says nothing (text already yielded stays
 * yielded).
 *
 * @example
 * for await (const text of streamLlmAnswer({ llm, question, sources })) process.stdout.write(text);
 */
export async function* streamLlmAnswer(options: StreamLlmAnswerOptions): AsyncGenerator<string> {
  const { llm, sources } = options;
  const provider = createOpenAICompatible({
    name: "paperchat-llm",
    baseURL: llm.baseURL,
    apiKey: llm.apiKey,
  });
  const timeout = AbortSignal.timeout(llm.timeoutMs);
  const { system, prompt } = groundedPrompt(options.question, sources, options.earlier);
  const result = streamText({
    model: provider.chatModel(llm.model),
    system,
    prompt,
    temperature: 0.2,
    maxRetries: 0,
    abortSignal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    // Failures are reported through the stream below; the default handler would log them again.
    onError: () => {},
  });
  const filter = createCitationFilter(sources.length);
  let answered = false;
  try {
    for await (const part of result.fullStream) {
      if (part.type === "error") throw part.error;
      if (part.type === "abort") throw new Error("aborted");
      if (part.type !== "text-delta") continue;
      const text = filter.push(part.text);
      answered ||= text.trim() !== "";
      if (text) yield text;
    }
  } catch (error) {
    const reason = reasonOf(error, timeout.aborted, llm);
    throw new LlmAnswerError(`The language model ${llm.model} ${reason}`, { cause: error });
  }
  const rest = filter.flush();
  answered ||= rest.trim() !== "";
  if (rest) yield rest;
  if (!answered) throw new LlmAnswerError(`The language model ${llm.model} returned no answer`);
}
