import { readUIMessageStream, type UIMessage } from "ai";
import { describe, expect, it } from "vitest";
import { answerChat } from "../../src/chat/answer-chat.ts";
import type { PaperchatUIMessage } from "../../src/chat/chat-message.ts";
import type { SearchResult } from "../../src/search/types.ts";
import { answerBlocks, inlineSpans } from "../../web/src/chat/answer-blocks.ts";
import { messageNotices } from "../../web/src/chat/message-notices.ts";
import { messageQuery, messageSources } from "../../web/src/chat/message-sources.ts";

type Part = UIMessage["parts"][number];

const assistant = (parts: Part[], metadata?: unknown): UIMessage => ({
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

const dataSources = (query: string, found: unknown[]): Part => ({
  type: "data-sources",
  id: "sources",
  data: { query, results: found },
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

  it("reads source-document parts and their provider metadata when no data part came", () => {
    const message = assistant(results.map((result, i) => sourceDocument(result, i + 1)));
    expect(messageSources(message)).toEqual(results);
  });

  it("reads bare source parts: title falls back to the id, score is NaN, no snippets", () => {
    const message = assistant([
      { type: "source-url", sourceId: "p1", url: "https://example.org/p1" },
      { type: "source-document", sourceId: "p2", mediaType: "text/plain", title: "Paper two" },
    ]);
    const sources = messageSources(message);
    expect(sources.map(({ id, title, snippets }) => ({ id, title, snippets }))).toEqual([
      { id: "p1", title: "p1", snippets: [] },
      { id: "p2", title: "Paper two", snippets: [] },
    ]);
    expect(sources.every((source) => Number.isNaN(source.score))).toBe(true);
  });

  it("keeps each result's authors, year, categories, DOI and link, dropping values of the wrong type", () => {
    const facts = {
      authors: ["Ada Example", "Ben Sample"],
      year: 2005,
      categories: ["math.CO", "math.PR"],
      doi: "10.1/x",
      url: "https://arxiv.org/abs/math/0501001",
    };
    const message = assistant([
      dataSources("lattice paths", [
        { ...results[0], ...facts },
        { ...results[1], year: "2005", authors: "Ada", url: "javascript:alert(1)" },
      ]),
    ]);
    const [withFacts, withBadFacts] = messageSources(message);
    expect(withFacts).toEqual({ ...results[0], ...facts });
    expect(withBadFacts).toEqual(results[1]);
  });

  it("returns nothing for a message without sources", () => {
    expect(messageSources(assistant([{ type: "text", text: "Hello" }]))).toEqual([]);
    expect(messageSources(assistant([]))).toEqual([]);
  });

  it("accepts a bare result list and `paperId`, and fills in missing snippet fields", () => {
    const message = assistant([
      {
        type: "data-results",
        data: [{ paperId: "p1", title: "One", snippets: [{ text: "A." }, { start: 3 }, "B."] }],
      },
    ]);
    expect(messageSources(message)).toEqual([
      {
        id: "p1",
        title: "One",
        score: Number.NaN,
        snippets: [{ text: "A.", start: -1, end: -1, score: 0 }],
      },
    ]);
  });

  it("ignores a data part holding anything but results, falling back to the source parts", () => {
    const message = assistant([
      sourceDocument(results[0]!, 1),
      dataSources("q", [{ id: "x" }, results[1]]),
      { type: "data-notice", data: { kind: "llm-fallback", message: "m" } },
      { type: "data-other", data: "text" },
    ]);
    expect(messageSources(message)).toEqual([results[0]]);
  });

  it("lets the last data part with results win", () => {
    const message = assistant([dataSources("first", [results[0]]), dataSources("again", results)]);
    expect(messageSources(message).map((source) => source.id)).toEqual(["rcnet", "lightgcn"]);
  });

  it("appends source parts the data part lacks, without repeating the ones it has", () => {
    const extra: SearchResult = { id: "tabpfn", title: "TabPFN", score: 0.01, snippets: [] };
    const message = assistant([
      ...[...results, extra].map((result, i) => sourceDocument(result, i + 1)),
      dataSources("q", [results[0]]),
    ]);
    expect(messageSources(message).map((source) => source.id)).toEqual([
      "rcnet",
      "lightgcn",
      "tabpfn",
    ]);
  });
});

describe("messageQuery", () => {
  it("reads the query of the last data part that has one, before the metadata", () => {
    const message = assistant([dataSources("first", results), dataSources("second", results)], {
      query: "from metadata",
    });
    expect(messageQuery(message)).toBe("second");
  });

  it("falls back to the message metadata, then to undefined", () => {
    expect(messageQuery(assistant([], { query: "graphs" }))).toBe("graphs");
    expect(messageQuery(assistant([], { query: 3 }))).toBeUndefined();
    expect(messageQuery(assistant([{ type: "text", text: "x" }]))).toBeUndefined();
  });
});

describe("messageNotices", () => {
  it("reads notices given as a string or as `{ message }`, in order", () => {
    const message = assistant([
      { type: "data-notice", data: "First." },
      { type: "text", text: "Answer" },
      { type: "data-notice", data: { kind: "llm-fallback", message: "Second." } },
    ]);
    expect(messageNotices(message)).toEqual(["First.", "Second."]);
  });

  it("ignores notices without a readable message and other data parts", () => {
    const message = assistant([
      { type: "data-notice", data: { message: 42 } },
      { type: "data-notice", data: null },
      { type: "data-notice", data: ["x"] },
      { type: "data-sources", data: { message: "not a notice" } },
    ]);
    expect(messageNotices(message)).toEqual([]);
  });
});

describe("the page's readers on a reply the server streams", () => {
  async function reply(options: Partial<Parameters<typeof answerChat>[0]> = {}) {
    const stream = answerChat({
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
