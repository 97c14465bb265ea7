import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** An upstream chat model that starts an answer and never finishes it. */
export interface StallingLlm {
  /** e.g. `http://127.0.0.1:PORT/v1` */
  baseURL: string;
  /** Completion requests that arrived, and how many of them paperchat has since let go of. */
  counts: { started: number; released: number };
  close(): Promise<void>;
}

const chunk = (content: string) =>
  `data: ${JSON.stringify({
    id: "chatcmpl-stall",
    object: "chat.completion.chunk",
    created: 1700000000,
    model: "stalling-model",
    choices: [{ index: 0, delta: { role: "assistant", content }, finish_reason: null }],
  })}\n\n`;

/**
 * An OpenAI-compatible `/v1/chat/completions` on loopback that streams the first words of an
 * answer and then stalls, counting the requests whose connection paperchat closed: a server that
 * forgets to cancel the model call when its own client leaves keeps them open.
 *
 * @example
 * const llm = await startStallingLlm();
 * await serveTiny(tiny, { llm: { baseURL: llm.baseURL, model: "m", timeoutMs: 60_000 } });
 */
export async function startStallingLlm(): Promise<StallingLlm> {
  const counts = { started: 0, released: 0 };
  const server = createServer((request, response) => {
    counts.started++;
    response.on("close", () => counts.released++);
    request.resume();
    response.writeHead(200, { "content-type": "text/event-stream" });
    response.write(chunk("The first words of an answer [1]"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
