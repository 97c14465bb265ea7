import { z } from "@hono/zod-openapi";
import { messageText } from "../../contract/message-text.ts";
import type { ServerLimits } from "../limits.ts";
import { integerField } from "./bounded-integer.ts";
import { characterCount } from "./bounded-text.ts";
import { checkYearOrder, filterBodyFields } from "./filters.ts";

export const DEFAULT_CHAT_SOURCES = 5;

const MessagePartSchema = z.looseObject({
  type: z.string({ error: 'must be a string such as "text"' }),
  text: z.string().optional(),
});

const MessageSchema = z.looseObject({
  id: z.string().optional(),
  role: z.enum(["system", "user", "assistant"], {
    error: 'must be "user", "assistant" or "system"',
  }),
  parts: z.array(MessagePartSchema),
});

/**
 * One event of the `/api/chat` stream, as OpenAPI 3.1 describes `text/event-stream`: the schema
 * of each parsed server-sent event, not of the whole body.
 */
export const ChatStreamEventSchema = z
  .object({
    data: z.string().openapi({
      description:
        'A UI message chunk as JSON (`{"type": "start" | "source-document" | "data-sources" | "text-delta" | …}`), or `[DONE]` last.',
    }),
    event: z.string().optional(),
    id: z.string().optional(),
    retry: z.number().int().optional(),
  })
  .openapi("ChatStreamEvent");

/** `POST /api/chat` body: what `useChat` / `DefaultChatTransport` send (extra fields allowed). */
export function chatRequestSchema(limits: ServerLimits) {
  return z
    .looseObject({
      messages: z
        .array(MessageSchema)
        .min(1, { error: "must hold at least one message" })
        .max(limits.maxChatMessages, {
          error: `must hold at most ${limits.maxChatMessages} messages; start a new chat`,
        })
        .openapi({
          description: `The conversation as UI messages. The last one is the question: it must be the user's, and its text parts, joined and trimmed, must be 1 to ${limits.maxQuestionChars} characters (400 otherwise; JSON Schema cannot single out the last item, so this rule is stated here).`,
        }),
      k: integerField({
        min: 1,
        max: limits.maxK,
        description: "How many papers to retrieve as sources.",
      })
        .optional()
        .openapi({ default: DEFAULT_CHAT_SOURCES }),
      ...filterBodyFields(),
    })
    .superRefine(checkYearOrder)
    .superRefine(({ messages }, ctx) => {
      const last = messages.at(-1);
      if (!last) return;
      const path = ["messages", messages.length - 1];
      const text = messageText(last);
      if (last.role !== "user") {
        ctx.addIssue({
          code: "custom",
          path,
          message: "must be the user's message (the last one is answered)",
        });
      } else if (text === "") {
        ctx.addIssue({ code: "custom", path, message: "must have a non-empty text part" });
      } else if (characterCount(text) > limits.maxQuestionChars) {
        ctx.addIssue({
          code: "custom",
          path,
          message: `must be at most ${limits.maxQuestionChars} characters long`,
        });
      }
    })
    .openapi("ChatRequest", {
      example: {
        messages: [
          {
            id: "m1",
            role: "user",
            parts: [{ type: "text", text: "sparse bayesian neural networks" }],
          },
        ],
      },
    });
}
