import { z } from "@hono/zod-openapi";
import { userTexts } from "../../chat/chat-turns.ts";
import { NOT_BLANK_PATTERN } from "../../contract/message-text.ts";
import type { ServerLimits } from "../limits.ts";
import { integerField } from "./bounded-integer.ts";
import { characterCount } from "./bounded-text.ts";
import { filterBodyFields } from "./filters.ts";

export const DEFAULT_CHAT_SOURCES = 5;

/** A part of a message: its text (at most the question limit), or another kind of part. */
function messagePartSchema(limits: ServerLimits) {
  return z.looseObject({
    type: z.string({ error: 'must be a string such as "text"' }),
    text: z
      .string()
      .refine((text) => characterCount(text) <= limits.maxQuestionChars, {
        error: `must be at most ${limits.maxQuestionChars} characters long`,
      })
      .optional()
      .openapi({ maxLength: limits.maxQuestionChars }),
  });
}

/**
 * A user message with text, in JSON Schema: what a conversation must contain to have a question
 * (the schema says it with `contains`, so that every request valid by the schema is answered).
 */
const QUESTION_MESSAGE = {
  type: "object",
  required: ["role", "parts"],
  properties: {
    role: { const: "user" },
    parts: {
      type: "array",
      contains: {
        type: "object",
        required: ["type", "text"],
        properties: {
          type: { const: "text" },
          text: { type: "string", pattern: NOT_BLANK_PATTERN },
        },
      },
    },
  },
};

function messageSchema(limits: ServerLimits) {
  return z.looseObject({
    id: z.string().optional(),
    role: z.enum(["system", "user", "assistant"], {
      error: 'must be "user", "assistant" or "system"',
    }),
    parts: z.array(messagePartSchema(limits)),
  });
}

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
        .array(messageSchema(limits))
        .min(1, { error: "must hold at least one message" })
        .max(limits.maxChatMessages, {
          error: `must hold at most ${limits.maxChatMessages} messages; start a new chat`,
        })
        .refine((messages) => userTexts(messages).length > 0, {
          error: "must hold a user message with text: the question to answer",
        })
        .openapi({
          description:
            "The conversation as UI messages. The question answered is the user's last message with text (its text parts joined); earlier user turns are read when it follows up on them, and later messages (an assistant's) are ignored.",
          contains: QUESTION_MESSAGE,
        } as object),
      k: integerField({
        min: 1,
        max: limits.maxK,
        description: "How many papers to retrieve as sources.",
      })
        .optional()
        .openapi({ default: DEFAULT_CHAT_SOURCES }),
      ...filterBodyFields(),
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
