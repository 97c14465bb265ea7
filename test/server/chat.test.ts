import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeExtractiveAnswer } from "../../src/chat/extractive-answer.ts";
import type { PaperchatUIMessage } from "../../src/contract/chat-message.ts";
import { citedNumbers } from "../../src/contract/citation-grammar.ts";
import type { PaperchatApp } from "../../src/server/app-context.ts";
import type { LlmSettings } from "../../src/settings/llm-settings.ts";
import { type FakeLlm, startFakeLlm } from "./support/fake-llm-server.ts";
import { type TinyApp, tinyApp } from "./support/tiny-app.ts";
import {
  askChat,
  openTinyEngine,
  replyText,
  serveTiny,
  type TinyEngine,
  userMessage,
} from "./support/tiny-server.ts";

// The chat is asked in-process: the AI SDK's client fetches through `app.request`. Only the
// test of a reader that hangs up needs a socket (see there).
let tiny: TinyEngine;
let app: PaperchatApp;

const sourcesOf = (reply: PaperchatUIMessage) =>
  reply.parts.flatMap((part) => (part.type === "source-document" ? [part] : []));
const dataSourcesOf = (reply: PaperchatUIMessage) =>
  reply.parts.flatMap((part) => (part.type === "data-sources" ? [part.data] : []));
const noticesOf = (reply: PaperchatUIMessage) =>
  reply.parts.flatMap((part) => (part.type === "data-notice" ? [part.data] : []));

/** Every `[n]` of the answer names a streamed source. */
function expectGroundedCitations(reply: PaperchatUIMessage) {
  const count = sourcesOf(reply).length;
  const cited = citedNumbers(replyText(reply));
  expect(cited.length).toBeGreaterThan(0);
  for (const n of cited) {
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(count);
  }
}

beforeAll(async () => {
  tiny = await openTinyEngine();
  app = tinyApp(tiny).app;
});

describe("POST /api/chat read by the AI SDK client", () => {
  it("streams the retrieved papers as sources, then an extractive answer citing them", async () => {
    const question = "replacing the feature pyramid in RetinaNet with a reverse pyramid";
    const reply = await askChat(app, [userMessage(question)]);
    const expected = await tiny.engine.searchPapers(question, 5);

    expect(reply.role).toBe("assistant");
    const sources = sourcesOf(reply);
    expect(sources.map((source) => [source.sourceId, source.title])).toEqual(
      expected.map((result) => [result.id, result.title]),
    );
    expect(sources[0]!.providerMetadata?.paperchat).toMatchObject({
      n: 1,
      id: expected[0]!.id,
      score: expected[0]!.score,
      snippets: expected[0]!.snippets,
    });
    expect(dataSourcesOf(reply)).toEqual([{ query: question, results: expected }]);

    const answer = replyText(reply);
    expectGroundedCitations(reply);
    expect(answer).toBe(composeExtractiveAnswer(expected));
    expect(citedNumbers(answer).slice(0, 2)).toEqual([1, 2]);
    expect(answer).toContain(expected[0]!.snippets[0]!.text);
    expect(reply.metadata).toMatchObject({ query: question, answeredBy: "extractive" });
  });

  it("takes k from the request body", async () => {
    const transportBody = { messages: [userMessage("graph convolutional networks")], k: 2 };
    const response = await app.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(transportBody),
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect((await response.text()).match(/"type":"source-document"/g)).toHaveLength(2);
  });

  it("searches a short follow-up together with the question it refers to", async () => {
    const first = "object detection with feature pyramids";
    const firstReply = await askChat(app, [userMessage(first)]);
    const followUp = "which of those is fastest?";
    const reply = await askChat(app, [userMessage(first), firstReply, userMessage(followUp)]);
    expect(reply.metadata?.query).toBe(`${first} ${followUp}`);
    const expected = await tiny.engine.searchPapers(`${first} ${followUp}`, 5);
    expect(sourcesOf(reply).map((source) => source.sourceId)).toEqual(expected.map((r) => r.id));
    expectGroundedCitations(reply);
  });

  it("picks a follow-up's snippets by what it asks, not by the question it refers to", async () => {
    const first = "why do graph convolution networks struggle with large graphs?";
    const followUp = "which of those is fastest?";
    const firstReply = await askChat(app, [userMessage(first)]);
    const reply = await askChat(app, [userMessage(first), firstReply, userMessage(followUp)]);
    const query = `${first} ${followUp}`;
    expect(reply.metadata?.query).toBe(query);
    const snippetsOf = (results: { snippets: { text: string }[] }[]) =>
      results.map((result) => result.snippets.map((snippet) => snippet.text));
    const byFollowUp = snippetsOf(await tiny.engine.searchPapers(query, 5, undefined, followUp));
    // The joined text asks what is wrong, the follow-up does not: their snippets differ.
    expect(snippetsOf(await tiny.engine.searchPapers(query, 5))).not.toEqual(byFollowUp);
    expect(snippetsOf(dataSourcesOf(reply)[0]!.results)).toEqual(byFollowUp);
  });

  it("answers a new question on its own, even after earlier turns", async () => {
    const question = "contrastive learning of sparse concept layers on top of CLIP";
    const reply = await askChat(app, [
      userMessage("object detection with feature pyramids"),
      { id: "a1", role: "assistant", parts: [{ type: "text", text: "Some answer [1]." }] },
      userMessage(question),
    ]);
    expect(reply.metadata?.query).toBe(question);
  });

  it("answers the user's last question when the conversation ends with an answer", async () => {
    const question = "sparse bayesian neural networks";
    const reply = await askChat(app, [
      userMessage(question),
      { id: "a1", role: "assistant", parts: [{ type: "text", text: "Some answer [1]." }] },
      { id: "u2", role: "user", parts: [{ type: "file", mediaType: "text/plain", url: "data:," }] },
    ]);
    expect(reply.metadata?.query).toBe(question);
    expectGroundedCitations(reply);
  });
});

describe("POST /api/chat with a language model", () => {
  let llm: FakeLlm;
  let llmSettings: LlmSettings;
  let llmApp: TinyApp;

  beforeAll(async () => {
    llm = await startFakeLlm({ kind: "answer", chunks: [] });
    llmSettings = { baseURL: llm.baseURL, model: "fake-model", apiKey: "llm-key", timeoutMs: 1500 };
    llmApp = tinyApp(tiny, { llm: llmSettings });
  });

  afterAll(async () => {
    await llm?.close();
  });

  it("streams the model's answer, grounded in the snippets, without invented citations", async () => {
    llm.behaviour = {
      kind: "answer",
      chunks: ["RCNet reverses the pyramid [", "1] and", " is fast [9]. Others agree [2, 7]."],
    };
    const question = "reverse feature pyramid for object detection";
    const reply = await askChat(llmApp.app, [userMessage(question)]);
    expect(replyText(reply)).toBe("RCNet reverses the pyramid [1] and is fast. Others agree [2].");
    expectGroundedCitations(reply);
    expect(reply.metadata).toMatchObject({ answeredBy: "llm", model: "fake-model" });
    expect(noticesOf(reply)).toEqual([]);

    const request = llm.requests.at(-1)!;
    expect(request).toMatchObject({ model: "fake-model", stream: true });
    expect(llm.authorizations.at(-1)).toBe("Bearer llm-key");
    const prompt = request.messages.map((message) => message.content).join("\n");
    const sources = await tiny.engine.searchPapers(question, 5);
    expect(prompt).toContain(`[1] ${sources[0]!.title}`);
    expect(prompt).toContain(sources[0]!.snippets[0]!.text);
    expect(prompt).toContain(`Question: ${question}`);
    // Snippets only: the rest of the abstract is not sent.
    const abstract = (await tiny.engine.getPaper(sources[0]!.id))!.abstract;
    const unsent = abstract
      .split(/(?<=\.)\s+/)
      .filter((sentence) => !sources[0]!.snippets.some((s) => s.text.includes(sentence)));
    for (const sentence of unsent) expect(prompt).not.toContain(sentence);
  });

  it("falls back to the extractive answer, and says so, when the model fails", async () => {
    llm.behaviour = { kind: "fail", status: 500 };
    const reply = await askChat(llmApp.app, [userMessage("graph convolutional networks")]);
    const [notice] = noticesOf(reply);
    expect(notice?.kind).toBe("llm-fallback");
    expect(notice?.message).toContain("HTTP 500");
    expect(replyText(reply)).toContain(notice!.message);
    expect(reply.metadata?.answeredBy).toBe("extractive-fallback");
    expectGroundedCitations(reply);
    const { results } = dataSourcesOf(reply)[0]!;
    expect(replyText(reply).endsWith(composeExtractiveAnswer(results))).toBe(true);
    const warnings = llmApp.logger.lines.filter((line) => line.level === "warn");
    expect(warnings.at(-1)?.message).toContain("fake-model answered HTTP 500");
  });

  it("keeps what the model said before it stalled, then adds the extractive answer", async () => {
    llm.behaviour = { kind: "slow", chunks: ["Pyramids help [1].", " And"], delayMs: 900 };
    const reply = await askChat(llmApp.app, [userMessage("feature pyramids")]);
    const text = replyText(reply);
    expect(text.startsWith("Pyramids help [1].")).toBe(true);
    expect(noticesOf(reply)[0]?.message).toContain("did not answer within 1.5 s");
    expect(text).toContain("The closest papers in the corpus say:");
    expect(reply.metadata?.answeredBy).toBe("extractive-fallback");
    expectGroundedCitations(reply);
  });

  it("falls back when the model does not answer in time", async () => {
    llm.behaviour = { kind: "hang" };
    const reply = await askChat(llmApp.app, [userMessage("sparse bayesian neural networks")]);
    expect(noticesOf(reply)[0]?.message).toContain("did not answer within 1.5 s");
    expect(reply.metadata?.answeredBy).toBe("extractive-fallback");
    expectGroundedCitations(reply);
  });

  /**
   * On a socket because hanging up is a socket event: the Node adapter turns the closed
   * connection into the request's abort signal, which must stop the model.
   */
  it("stops the model quietly when the reader goes away", async () => {
    const server = await serveTiny(tiny, { llm: llmSettings });
    try {
      llm.behaviour = { kind: "slow", chunks: Array(20).fill(" word [1]"), delayMs: 50 };
      const abandonedBefore = llm.abandoned;
      const reader = new AbortController();
      const response = await fetch(`${server.url}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ messages: [userMessage("graph networks")] }),
        signal: reader.signal,
      });
      const body = response.body!.getReader();
      let received = "";
      while (!received.includes('"type":"text-delta"')) {
        received += new TextDecoder().decode((await body.read()).value);
      }
      reader.abort();
      while (llm.abandoned === abandonedBefore)
        await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.logger.lines).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("falls back when the model cannot be reached", async () => {
    const unreachable = tinyApp(tiny, {
      llm: { baseURL: "http://127.0.0.1:9/v1", model: "gone", timeoutMs: 5000 },
    }).app;
    const reply = await askChat(unreachable, [userMessage("graph networks")]);
    expect(noticesOf(reply)[0]?.message).toContain("could not be reached");
    expectGroundedCitations(reply);
  });
});
