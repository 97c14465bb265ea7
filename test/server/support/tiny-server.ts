import { DefaultChatTransport, readUIMessageStream, type UIMessage } from "ai";
import type { PaperchatUIMessage } from "../../../src/contract/chat-message.ts";
import type { Embedder } from "../../../src/embed/types.ts";
import { createSearchEngine, type SearchEngine } from "../../../src/search/search-engine.ts";
import type { PaperchatApp } from "../../../src/server/app-context.ts";
import type { ApiErrorBody } from "../../../src/server/errors/api-error.ts";
import type { Logger } from "../../../src/server/logger.ts";
import {
  type RunningServer,
  type ServeEngineOptions,
  serveEngine,
} from "../../../src/server/serve.ts";
import { openEmbeddedStore } from "../../../src/store/embedded/open-embedded-store.ts";
import { sharedTinyIndex } from "./shared-tiny-index.ts";

/** The bundled corpus indexed with the tiny fixture model, ready to serve. */
export interface TinyEngine {
  indexDir: string;
  embedder: Embedder;
  engine: SearchEngine;
}

/**
 * Opens a real index of the bundled corpus (or of `corpusFiles`) built with the tiny model,
 * once per test run (see `sharedTinyIndex`).
 *
 * @example
 * const tiny = await openTinyEngine();
 */
export async function openTinyEngine(corpusFiles?: string[]): Promise<TinyEngine> {
  const { indexDir, embedder } = await sharedTinyIndex(corpusFiles);
  const store = await openEmbeddedStore(indexDir, { encoder: embedder });
  return { indexDir, embedder, engine: createSearchEngine({ store, embedder }) };
}

/** A logger that keeps what it was told, so tests can read the log. */
export function recordingLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  const record = (level: string) => (message: string) => void lines.push({ level, message });
  return { lines, info: record("info"), warn: record("warn"), error: record("error") };
}

/**
 * Serves a tiny engine on a free port with a recording logger (override anything).
 *
 * @example
 * const server = await serveTiny(tiny, { apiKey: "secret" });
 */
export async function serveTiny(
  tiny: TinyEngine,
  options: Partial<ServeEngineOptions> = {},
): Promise<RunningServer & { logger: ReturnType<typeof recordingLogger> }> {
  const logger = recordingLogger();
  const server = await serveEngine({
    engine: tiny.engine,
    embedder: tiny.embedder,
    port: 0,
    host: "127.0.0.1",
    logger,
    ...options,
  });
  return Object.assign(server, { logger });
}

/** An error response body (the default reading of a response in tests). */
export type ErrorBody = ApiErrorBody;

/**
 * POSTs JSON (or raw bytes/text with the given content type) and returns status and parsed body.
 *
 * @example
 * const { status, body } = await postJson(`${url}/api/search`, { query: "gans" });
 */
export async function postJson<T = ErrorBody>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const raw =
    typeof body === "string"
      ? body
      : body instanceof Uint8Array
        ? new Uint8Array(body).buffer
        : JSON.stringify(body);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: raw,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    headers: response.headers,
  };
}

/** A user turn as `useChat` sends it. */
export function userMessage(text: string, id: string = crypto.randomUUID()): PaperchatUIMessage {
  return { id, role: "user", parts: [{ type: "text", text }] };
}

/** The origin `app.request` puts before a path (Hono's default). */
export const APP_ORIGIN = "http://localhost";

/**
 * A `fetch` that the app answers in-process, for clients that take one (the openai client,
 * the AI SDK's chat transport).
 *
 * @example
 * const client = new OpenAI({ baseURL: `${APP_ORIGIN}/v1`, apiKey: "k", fetch: appFetch(app) });
 */
export function appFetch(app: PaperchatApp): typeof fetch {
  return async (input, init) => app.request(input, init);
}

/**
 * Sends a conversation to `/api/chat` through the AI SDK's own client and returns the assistant
 * message it assembles from the stream. Given an app instead of a server's URL, the client's
 * requests go to `app.request`.
 *
 * @example
 * const reply = await askChat(server.url, [userMessage("graph networks")]);
 * const sameReply = await askChat(app, [userMessage("graph networks")]);
 */
export async function askChat(
  target: string | PaperchatApp,
  messages: UIMessage[],
): Promise<PaperchatUIMessage> {
  const transport = new DefaultChatTransport<PaperchatUIMessage>(
    typeof target === "string"
      ? { api: `${target}/api/chat` }
      : { api: `${APP_ORIGIN}/api/chat`, fetch: appFetch(target) },
  );
  const stream = await transport.sendMessages({
    trigger: "submit-message",
    chatId: "test-chat",
    messageId: undefined,
    messages: messages as PaperchatUIMessage[],
    abortSignal: undefined,
  });
  let last: PaperchatUIMessage | undefined;
  for await (const message of readUIMessageStream<PaperchatUIMessage>({
    stream,
    terminateOnError: true,
  })) {
    last = message;
  }
  if (!last) throw new Error("The chat stream carried no message");
  return last;
}

/** The text of a message's text parts. */
export function replyText(message: UIMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}
