import { createRoute } from "@hono/zod-openapi";
import { createUIMessageStreamResponse } from "ai";
import { answerChat } from "../../chat/answer-chat.ts";
import type { AppContext, PaperchatApp } from "../app-context.ts";
import { ChatStreamEventSchema, chatRequestSchema, DEFAULT_CHAT_SOURCES } from "../schemas/chat.ts";
import { errorResponse } from "../schemas/error.ts";
import { paperFilterOf } from "../schemas/filters.ts";

const DESCRIPTION = [
  "Speaks the AI SDK UI message stream protocol (server-sent events), so `useChat` and `DefaultChatTransport` work unchanged.",
  "The reply streams, in order: one `source-document` part per retrieved paper (`sourceId` = paper id, `title`, `providerMetadata.paperchat` = `{id, title, n, score, snippets}`),",
  "a `data-sources` part `{query, results: SearchResult[]}`, then the answer as text citing papers as `[n]` in source order.",
  'A short follow-up ("which of those is fastest?") is searched together with the earlier question it refers to.',
  "Optional `year_from`, `year_to` and `category` fields beside `messages` (as `useChat` sends extra `body` fields) restrict the sources to the papers that pass them.",
  "With PAPERCHAT_LLM_BASE_URL and PAPERCHAT_LLM_MODEL set, a language model writes the answer from the snippets; if it fails, a `data-notice` part says so and the quoted answer follows.",
].join(" ");

/**
 * `POST /api/chat`: retrieves papers for the conversation's last question and streams them with a
 * grounded answer (see {@link answerChat}).
 *
 * @example
 * registerChatRoutes(app, context);
 */
export function registerChatRoutes(app: PaperchatApp, context: AppContext): void {
  const { engine, limits, llm, logger } = context;
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/chat",
      tags: ["Chat"],
      summary: "Ask a question, get sources and a cited answer as a UI message stream",
      description: DESCRIPTION,
      request: {
        body: {
          required: true,
          content: { "application/json": { schema: chatRequestSchema(limits) } },
        },
      },
      responses: {
        200: {
          description: "A UI message stream: server-sent events, each described by the schema",
          content: { "text/event-stream": { schema: ChatStreamEventSchema } },
        },
        400: errorResponse(400),
        401: errorResponse(401),
        413: errorResponse(413),
        415: errorResponse(415),
      },
    }),
    async (c) => {
      const { messages, k, year_from, year_to, category } = c.req.valid("json");
      const requestId = c.get("requestId");
      const stream = await answerChat({
        engine,
        messages,
        k: k ?? DEFAULT_CHAT_SOURCES,
        filter: paperFilterOf({ year_from, year_to, category }),
        llm,
        maxQueryChars: limits.maxQuestionChars,
        signal: c.req.raw.signal,
        onLlmError: (error) =>
          logger.warn(`[${requestId}] ${error.message}: ${String(error.cause ?? "")}`),
        onError: (error) => {
          logger.error(
            `[${requestId}] POST /api/chat failed: ${(error as Error)?.stack ?? String(error)}`,
          );
          return `The answer could not be completed (request id ${requestId}); the details are in the server log.`;
        },
      });
      return createUIMessageStreamResponse({ stream, headers: { "X-Request-Id": requestId } });
    },
  );
}
