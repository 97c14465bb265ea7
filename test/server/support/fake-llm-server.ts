import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake model does with a chat completion request. */
export type FakeLlmBehaviour =
  | { kind: "answer"; chunks: string[] }
  | { kind: "fail"; status: number }
  | { kind: "hang" }
  | { kind: "slow"; chunks: string[]; delayMs: number };

/** The parts of a chat completion request the tests read. */
export interface ChatCompletionRequest {
  model: string;
  stream?: boolean;
  messages: { role: string; content: string }[];
}

export interface FakeLlm {
  /** e.g. `http://127.0.0.1:PORT/v1` */
  baseURL: string;
  /** Bodies of the chat completion requests received. */
  requests: ChatCompletionRequest[];
  /** Authorization headers received. */
  authorizations: (string | undefined)[];
  /** Requests whose client hung up before the answer was complete. */
  abandoned: number;
  behaviour: FakeLlmBehaviour;
  close(): Promise<void>;
}

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: 1700000000,
    model: "fake-model",
    choices: [{ index: 0, delta, finish_reason: finish }],
  })}\n\n`;

async function readBody(request: IncomingMessage): Promise<ChatCompletionRequest> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return JSON.parse(Buffer.concat(parts).toString("utf8"));
}

/**
 * An OpenAI-compatible `/v1/chat/completions` endpoint on loopback that streams scripted
 * answers, fails, or hangs; set `behaviour` between tests.
 *
 * @example
 * const llm = await startFakeLlm({ kind: "answer", chunks: ["Fast [1]."] });
 */
export async function startFakeLlm(behaviour: FakeLlmBehaviour): Promise<FakeLlm> {
  const fake: Omit<FakeLlm, "baseURL" | "close"> = {
    requests: [],
    authorizations: [],
    abandoned: 0,
    behaviour,
  };
  const server: Server = createServer(async (request, response) => {
    if (request.method !== "POST" || request.url !== "/v1/chat/completions") {
      response.writeHead(404).end();
      return;
    }
    response.on("close", () => {
      if (!response.writableFinished) fake.abandoned += 1;
    });
    fake.requests.push(await readBody(request));
    fake.authorizations.push(request.headers.authorization);
    const current = fake.behaviour;
    if (current.kind === "fail") {
      response.writeHead(current.status, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: "model exploded", type: "server_error" } }));
      return;
    }
    if (current.kind === "hang") return;
    response.writeHead(200, { "content-type": "text/event-stream" });
    response.write(chunk({ role: "assistant", content: "" }));
    for (const text of current.chunks) {
      if (current.kind === "slow")
        await new Promise((resolve) => setTimeout(resolve, current.delayMs));
      response.write(chunk({ content: text }));
    }
    response.write(chunk({}, "stop"));
    response.end("data: [DONE]\n\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
