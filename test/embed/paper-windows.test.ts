import type { PreTrainedTokenizer } from "@huggingface/transformers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  concatenatedIds,
  createWindowTokenizer,
  type PassWindow,
  paperWindows,
  textWindow,
  type WindowTokenizer,
} from "../../src/embed/paper-windows.ts";
import type { PaperToEmbed } from "../../src/embed/types.ts";
import {
  bundledPapers,
  FIXTURE_MODELS,
  loadFixtureTokenizer,
  paperText,
  SPLIT_INSIDE_A_WORD,
  sentenceTexts,
} from "./support/bundled-papers.ts";

/**
 * The ids `embed` feeds the model for a text, as sentence-transformers cuts a long one: the
 * first `window − 1` ids of the full encoding, then its closing `[SEP]`.
 */
function pipelineIds(tokenizer: PreTrainedTokenizer, text: string): number[] {
  const window = Number(tokenizer.model_max_length);
  const full = tokenizer.encode(text);
  return full.length <= window ? full : [...full.slice(0, window - 1), full.at(-1)!];
}

/** Where each slot is pooled: its row and span, for every span of every row. */
function spansBySlot(windows: readonly PassWindow[]) {
  return windows.flatMap((window) => window.spans.map((span) => ({ window, ...span })));
}

describe.each(Object.entries(FIXTURE_MODELS))("paperWindows with the %s tokenizer", (_, model) => {
  let tokenizer: PreTrainedTokenizer;
  let windowTokenizer: WindowTokenizer;
  let papers: PaperToEmbed[];
  beforeAll(async () => {
    tokenizer = await loadFixtureTokenizer(model);
    windowTokenizer = createWindowTokenizer(tokenizer, tokenizer.model_max_length);
    papers = await bundledPapers();
  });

  it("pieces title and sentence ids into exactly the whole text's ids, for every bundled paper", () => {
    for (const paper of papers) {
      const { content } = concatenatedIds(paper, windowTokenizer.encode);
      expect(content).toEqual(tokenizer.encode(paperText(paper), { add_special_tokens: false }));
    }
  });

  it("makes the paper's row the ids embed gives the paper text, cut to the window", () => {
    for (const paper of papers) {
      const [first] = paperWindows(paper, 0, windowTokenizer).windows;
      expect(first!.ids).toEqual(pipelineIds(tokenizer, paperText(paper)));
      expect(first!.spans[0]).toEqual({ slot: 0, from: 0, to: first!.ids.length });
    }
  });

  it("pools each sentence once, over its own ids, in rows that fit the window", () => {
    const capacity =
      windowTokenizer.maxTokens - windowTokenizer.prefix.length - windowTokenizer.suffix.length;
    let furtherRows = 0;
    for (const paper of papers) {
      const { windows } = paperWindows(paper, 10, windowTokenizer);
      furtherRows += windows.length - 1;
      const bySlot = spansBySlot(windows);
      expect(bySlot.map((span) => span.slot).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 1 + paper.sentences.length }, (_, i) => 10 + i),
      );
      for (const window of windows) {
        expect(window.ids.length).toBeLessThanOrEqual(windowTokenizer.maxTokens);
      }
      sentenceTexts(paper).forEach((sentence, i) => {
        const { window, from, to } = bySlot.find((span) => span.slot === 11 + i)!;
        const ids = windowTokenizer.encode(sentence).slice(0, capacity);
        expect(window.ids.slice(from, to)).toEqual(ids);
      });
    }
    // The tiny model's 128-token window leaves sentences for further rows; MiniLM's 512 does not.
    if (windowTokenizer.maxTokens < 200) expect(furtherRows).toBeGreaterThan(papers.length);
  });
});

describe("paperWindows when ids cannot be pieced together", () => {
  let tokenizer: PreTrainedTokenizer;
  let windowTokenizer: WindowTokenizer;
  beforeAll(async () => {
    tokenizer = await loadFixtureTokenizer(FIXTURE_MODELS.tiny);
    windowTokenizer = createWindowTokenizer(tokenizer, tokenizer.model_max_length);
  });

  it("gives sentences split inside a word rows of their own, as embed would see them", () => {
    const paper = SPLIT_INSIDE_A_WORD;
    const { windows } = paperWindows(paper, 0, windowTokenizer);
    expect(windows.map((window) => window.ids)).toEqual([
      pipelineIds(tokenizer, paperText(paper)),
      ...sentenceTexts(paper).map((sentence) => pipelineIds(tokenizer, sentence)),
    ]);
    expect(windows.map((window) => window.spans)).toEqual(
      windows.map((window, slot) => [{ slot, from: 0, to: window.ids.length }]),
    );
  });

  it("gives a sentence without tokens the row embed gives an empty text", () => {
    const paper: PaperToEmbed = { title: "graph", abstract: "networks", sentences: [[3, 3]] };
    const { windows } = paperWindows(paper, 0, windowTokenizer);
    expect(windows[1]).toEqual({
      ids: pipelineIds(tokenizer, ""),
      spans: [{ slot: 1, from: 0, to: 2 }],
    });
  });

  it("refuses offsets that overlap, run backwards or leave the abstract, naming the paper", () => {
    const bad: (readonly (readonly [number, number])[])[] = [
      [
        [0, 5],
        [3, 8],
      ],
      [[4, 2]],
      [[0, 99]],
      [[-1, 2]],
    ];
    for (const sentences of bad) {
      const paper = { title: "Graph nets", abstract: "networks for graphs", sentences };
      expect(() => paperWindows(paper, 0, windowTokenizer)).toThrow(/"Graph nets".*splitSentences/);
    }
  });
});

describe("textWindow (a text alone, cut as sentence-transformers cuts)", () => {
  let tokenizer: PreTrainedTokenizer;
  beforeAll(async () => {
    tokenizer = await loadFixtureTokenizer(FIXTURE_MODELS.tiny);
  });

  it("leaves a text that fits the window whole, pooled over every token", () => {
    const { window, truncated } = textWindow(
      "graph neural networks",
      3,
      createWindowTokenizer(tokenizer, 16),
    );
    expect(window.ids).toEqual(tokenizer.encode("graph neural networks"));
    expect(window.spans).toEqual([{ slot: 3, from: 0, to: window.ids.length }]);
    expect(truncated).toBe(0);
  });

  it("cuts a longer text to the tokens that fit and keeps the closing [SEP]", () => {
    const maxTokens = 16;
    const text =
      "Graph convolution networks have become the standard for collaborative filtering, but their design is inherited from node classification.";
    const full = tokenizer.encode(text);
    expect(full.length).toBeGreaterThan(maxTokens);
    const { window, truncated } = textWindow(text, 0, createWindowTokenizer(tokenizer, maxTokens));
    expect(window.ids).toHaveLength(maxTokens);
    expect(window.ids.slice(0, -1)).toEqual(full.slice(0, maxTokens - 1));
    // The last id is [SEP] (as in the full encoding), not the 16th token of the text.
    expect(window.ids.at(-1)).toBe(full.at(-1));
    expect(window.ids.at(-1)).not.toBe(full[maxTokens - 1]);
    expect(truncated).toBe(1);
  });
});
