import { readUIMessageStream } from "ai";
import { describe, expect, it } from "vitest";
import { answerChat } from "../../src/chat/answer-chat.ts";
import type { ChatMetadata, PaperchatUIMessage } from "../../src/contract/chat-message.ts";
import type { SearchResult } from "../../src/contract/search-response.ts";
import { answerBlocks, inlineSpans } from "../../web/src/chat/answer-blocks.ts";
import { messageNotices } from "../../web/src/chat/message-notices.ts";
import { messageQuery, messageSources } from "../../web/src/chat/message-sources.ts";

type Part = PaperchatUIMessage["parts"][number];

const assistant = (parts: Part[], metadata?: ChatMetadata): PaperchatUIMessage => ({
  id: "reply",
  role: "assistant",
  parts,
  metadata,
});

const results: SearchResult[] = [
  {
    id: "rcnet",
    title: "RCNet: Reverse Feature Pyramid",
    score: 0.031,
    snippets: [{ text: "FPN are widely exploited.", start: 0, end: 25, score: 0.8 }],
  },
  { id: "lightgcn", title: "LightGCN", score: 0.016, snippets: [] },
];

const sourceDocument = (result: SearchResult, n: number): Part => ({
  type: "source-document",
  sourceId: result.id,
  mediaType: "text/plain",
  title: result.title,
  providerMetadata: { paperchat: { ...result, n } },
});

const dataSources = (query: string, found: SearchResult[]): Part => ({
  type: "data-sources",
  id: "sources",
  data: { query, results: found },
});

const notice = (message: string): Part => ({
  type: "data-notice",
  data: { kind: "llm-fallback", message },
});

describe("messageSources", () => {
  it("reads the data-sources part, in citation order, with scores and snippets", () => {
    const message = assistant([
      ...results.map((result, i) => sourceDocument(result, i + 1)),
      dataSources("feature pyramids", results),
      { type: "text", text: "Answer [1]." },
    ]);
    expect(messageSources(message)).toEqual(results);
  });

  it("keeps each result's authors, year, categories, DOI and link", () => {
    const facts = {
      authors: ["Ada Example", "Ben Sample"],
      year: 2005,
      categories: ["math.CO", "math.PR"],
      doi: "10.1/x",
      url: "https://arxiv.org/abs/math/0501001",
    };
    const withFacts = { ...results[0]!, ...facts };
    const message = assistant([dataSources("lattice paths", [withFacts, results[1]!])]);
    expect(messageSources(message)).toEqual([withFacts, results[1]]);
  });

  it("returns nothing for a message without sources", () => {
    expect(messageSources(assistant([{ type: "text", text: "Hello" }]))).toEqual([]);
    expect(messageSources(assistant([]))).toEqual([]);
    expect(messageSources(assistant([notice("m")]))).toEqual([]);
  });

  it("lets the last data-sources part win", () => {
    const message = assistant([dataSources("first", [results[0]!]), dataSources("again", results)]);
    expect(messageSources(message).map((source) => source.id)).toEqual(["rcnet", "lightgcn"]);
  });
});

describe("messageQuery", () => {
  it("reads the query of the last data-sources part, before the metadata", () => {
    const message = assistant([dataSources("first", results), dataSources("second", results)], {
      query: "from metadata",
    });
    expect(messageQuery(message)).toBe("second");
  });

  it("falls back to the message metadata, then to undefined", () => {
    expect(messageQuery(assistant([], { query: "graphs" }))).toBe("graphs");
    expect(messageQuery(assistant([{ type: "text", text: "x" }]))).toBeUndefined();
  });
});

describe("messageNotices", () => {
  it("reads the notices' messages, in order", () => {
    const message = assistant([
      notice("First."),
      { type: "text", text: "Answer" },
      notice("Second."),
    ]);
    expect(messageNotices(message)).toEqual(["First.", "Second."]);
  });

  it("finds none in a reply without notices", () => {
    expect(messageNotices(assistant([dataSources("q", results)]))).toEqual([]);
  });
});

describe("the page's readers on a reply the server streams", () => {
  async function reply(options: Partial<Parameters<typeof answerChat>[0]> = {}) {
    const stream = await answerChat({
      engine: { searchPapers: async () => results },
      messages: [{ role: "user", parts: [{ type: "text", text: "feature pyramids" }] }],
      k: 2,
      ...options,
    });
    let last: PaperchatUIMessage | undefined;
    for await (const message of readUIMessageStream<PaperchatUIMessage>({ stream })) {
      last = message;
    }
    return last!;
  }

  it("finds the sources and the query in an extractive reply, and no notice", async () => {
    const message = await reply();
    expect(messageSources(message)).toEqual(results);
    expect(messageQuery(message)).toBe("feature pyramids");
    expect(messageNotices(message)).toEqual([]);
  });

  it("finds the notice of a fallback answer, shown emphasised as the answer's first paragraph", async () => {
    const message = await reply({
      llm: { baseURL: "http://127.0.0.1:1/v1", model: "llama3.2:1b", timeoutMs: 10_000 },
    });
    const [notice] = messageNotices(message);
    expect(notice).toMatch(/^The language model llama3\.2:1b .*quoted from the papers instead\.$/);
    const text = message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
    const [first] = answerBlocks(text);
    expect(first?.kind === "paragraph" && inlineSpans(first.text)).toEqual([
      { kind: "em", text: notice, start: 0 },
    ]);
    expect(messageSources(message)).toEqual(results);
  });
});
