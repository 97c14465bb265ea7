import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedLlmOptions {
  /** The answer, streamed one word per chunk. */
  answer: string;
  /** Pause between chunks, so that a reader can stop the stream halfway. */
  chunkDelayMs: number;
}

export interface ScriptedLlm {
  /** Base URL for `PAPERCHAT_LLM_BASE_URL`-style settings (`…/v1`). */
  baseURL: string;
  /** Resolves when a completion request is closed by its caller before the whole answer went out. */
  abandoned: Promise<void>;
  close(): Promise<void>;
}

function chunk(res: ServerResponse, delta: Record<string, string>, finish: string | null) {
  const body = {
    id: "chatcmpl-scripted",
    object: "chat.completion.chunk",
    created: 0,
    model: "scripted",
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
  res.write(`data: ${JSON.stringify(body)}\n\n`);
}

/**
 * A stand-in for a local OpenAI-compatible language model (no real model runs offline): every
 * `POST /v1/chat/completions` streams the same scripted answer slowly, and notices when the
 * caller hangs up early. It lets the browser test watch an answer stream and stop it.
 *
 * @example
 * const llm = await startScriptedLlm({ answer: "Graphs help [1].", chunkDelayMs: 100 });
 */
export async function startScriptedLlm(options: ScriptedLlmOptions): Promise<ScriptedLlm> {
  const words = options.answer.split(/(?<= )/);
  let reportAbandoned: () => void = () => {};
  const abandoned = new Promise<void>((resolve) => {
    reportAbandoned = resolve;
  });
  const server = createServer(async (req, res) => {
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404).end();
      return;
    }
    for await (const _ of req); // the prompt is not needed
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    let finished = false;
    res.on("close", () => {
      if (!finished) reportAbandoned();
    });
    chunk(res, { role: "assistant", content: "" }, null);
    for (const word of words) {
      if (res.destroyed) return;
      chunk(res, { content: word }, null);
      await new Promise((resolve) => setTimeout(resolve, options.chunkDelayMs));
    }
    chunk(res, {}, "stop");
    res.write("data: [DONE]\n\n");
    finished = true;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    abandoned,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
