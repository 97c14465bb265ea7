import { paperText } from "../corpus/paper-text.ts";
import { type EncodingTokenizer, type TokenFrame, tokenFrame } from "./token-frame.ts";
import type { PaperToEmbed } from "./types.ts";

/** What laying out a paper's passes needs from the model's tokenizer. */
export interface WindowTokenizer extends TokenFrame {
  /** Ids of a text without special tokens. */
  encode(text: string): number[];
  /** The model's window in tokens, special tokens included. */
  maxTokens: number;
}

/** Positions [from, to) of a window whose mean hidden state is the vector at `slot`. */
export interface PoolSpan {
  slot: number;
  from: number;
  to: number;
}

/** One row of a model call: ids (special tokens included, at most `maxTokens`) and what to pool. */
export interface PassWindow {
  ids: number[];
  spans: PoolSpan[];
}

/** A paper's model input rows, and how many of its texts were cut to the window. */
export interface PaperWindows {
  windows: PassWindow[];
  /** 1 if the paper text is longer than the window, plus 1 per sentence longer than a window alone. */
  truncated: number;
}

const NON_WHITESPACE = /\S/;

/**
 * A model tokenizer's view for `paperWindows`: ids without special tokens, and its frame.
 * Throws a RangeError when the window leaves no room for text.
 *
 * @example
 * const windowTokenizer = createWindowTokenizer(extractor.tokenizer, 512);
 */
export function createWindowTokenizer(
  tokenizer: EncodingTokenizer,
  maxTokens: number,
): WindowTokenizer {
  const frame = tokenFrame(tokenizer);
  if (maxTokens <= frame.prefix.length + frame.suffix.length) {
    throw new RangeError(`A window of ${maxTokens} tokens leaves no room for text.`);
  }
  return {
    ...frame,
    maxTokens,
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }),
  };
}

/**
 * Lays out one paper's model input rows. The first row is the paper text as the pipeline
 * tokenizes it (`[CLS] title\nabstract [SEP]`, cut to `maxTokens`), built by concatenating the
 * ids of the title and of each sentence (and of any gap that is not whitespace): its paper span
 * covers every token, like mean pooling with the attention mask, and each sentence wholly inside
 * it gets its own span. The sentences that do not fit go, in order, into further rows
 * `[CLS] sentences… [SEP]` that each fill up to a window (a sentence longer than a window alone
 * is cut). Slots: `firstSlot` is the paper vector, `firstSlot + 1 + i` sentence i.
 *
 * When the concatenated ids differ from the whole text's (a tokenizer that does not split at
 * the sentence boundaries), the paper row holds the whole text's ids and every sentence gets a
 * row of its own, as `embed` would embed it. So does a sentence with no tokens at all.
 * Throws a RangeError for sentence offsets that are out of order or outside the abstract.
 *
 * @example
 * const { windows } = paperWindows({ title: "T", abstract: "A b. C d.", sentences: [[0, 4], [5, 9]] }, 0, tokenizer);
 * // windows[0].spans: the paper (slot 0) over all ids, sentences in slots 1 and 2
 */
export function paperWindows(
  paper: PaperToEmbed,
  firstSlot: number,
  tokenizer: WindowTokenizer,
): PaperWindows {
  const { content, ranges } = concatenatedIds(paper, tokenizer.encode);
  const whole = tokenizer.encode(paperText(paper));
  if (!sameIds(content, whole)) return separateWindows(paper, firstSlot, whole, tokenizer);
  return sharedWindows(content, ranges, firstSlot, tokenizer, paper);
}

/** A paper text's ids pieced together, and each sentence's [start, end) in them. */
export interface ConcatenatedIds {
  content: number[];
  ranges: [number, number][];
}

/**
 * The ids of `title\nabstract` (no special tokens) from the ids of its title and of each sentence,
 * and of each gap between them that is not whitespace. Equal to encoding the whole text when
 * the tokenizer splits at whitespace and punctuation (WordPiece does); `paperWindows` checks.
 * Throws a RangeError for sentence offsets that are out of order or outside the abstract.
 *
 * @example
 * concatenatedIds({ title: "T", abstract: "A b. C d.", sentences: [[0, 4], [5, 9]] }, encode);
 * // content: the ids of "T", "A b." and "C d." in a row; ranges: where each sentence's ids lie
 */
export function concatenatedIds(
  paper: PaperToEmbed,
  encode: (text: string) => number[],
): ConcatenatedIds {
  checkSentences(paper);
  const text = paperText(paper);
  const shift = paper.title.length + 1;
  const content: number[] = [];
  const ranges: [number, number][] = [];
  let cursor = 0;
  const appendGap = (end: number) => {
    const gap = text.slice(cursor, end);
    if (NON_WHITESPACE.test(gap)) content.push(...encode(gap));
  };
  for (const [start, end] of paper.sentences) {
    appendGap(start + shift);
    const ids = encode(text.slice(start + shift, end + shift));
    ranges.push([content.length, content.length + ids.length]);
    content.push(...ids);
    cursor = end + shift;
  }
  appendGap(text.length);
  return { content, ranges };
}

/** The paper row with its sentences' spans, further rows for the rest. */
function sharedWindows(
  content: readonly number[],
  ranges: readonly (readonly [number, number])[],
  firstSlot: number,
  tokenizer: WindowTokenizer,
  paper: PaperToEmbed,
): PaperWindows {
  const { prefix, suffix, maxTokens } = tokenizer;
  const first = framed(content, tokenizer);
  const main: PassWindow = {
    ids: first.ids,
    spans: [{ slot: firstSlot, from: 0, to: first.ids.length }],
  };
  const windows = [main];
  let truncated = first.truncated;
  const overflow: number[] = [];
  ranges.forEach(([from, to], i) => {
    const slot = firstSlot + 1 + i;
    if (from === to) {
      windows.push(sentenceAlone(paper, i, slot, tokenizer).window);
    } else if (to + prefix.length <= main.ids.length - suffix.length) {
      main.spans.push({ slot, from: from + prefix.length, to: to + prefix.length });
    } else {
      overflow.push(i);
    }
  });

  const capacity = maxTokens - prefix.length - suffix.length;
  for (let i = 0; i < overflow.length; ) {
    const start = ranges[overflow[i]!]![0];
    let last = i;
    while (last + 1 < overflow.length && ranges[overflow[last + 1]!]![1] - start <= capacity)
      last++;
    const end = Math.min(ranges[overflow[last]!]![1], start + capacity);
    if (ranges[overflow[i]!]![1] - start > capacity) truncated += 1;
    const spans = overflow.slice(i, last + 1).map((sentence) => ({
      slot: firstSlot + 1 + sentence,
      from: ranges[sentence]![0] - start + prefix.length,
      to: Math.min(ranges[sentence]![1], end) - start + prefix.length,
    }));
    windows.push({ ids: [...prefix, ...content.slice(start, end), ...suffix], spans });
    i = last + 1;
  }
  return { windows, truncated };
}

/** The paper row from the whole text's ids, and a row per sentence. */
function separateWindows(
  paper: PaperToEmbed,
  firstSlot: number,
  whole: readonly number[],
  tokenizer: WindowTokenizer,
): PaperWindows {
  const first = framed(whole, tokenizer);
  const windows = [{ ids: first.ids, spans: [{ slot: firstSlot, from: 0, to: first.ids.length }] }];
  let truncated = first.truncated;
  paper.sentences.forEach((_, i) => {
    const alone = sentenceAlone(paper, i, firstSlot + 1 + i, tokenizer);
    windows.push(alone.window);
    truncated += alone.truncated;
  });
  return { windows, truncated };
}

/** Sentence `i` as `embed` would see it: its own framed, cut row, pooled over every token. */
function sentenceAlone(paper: PaperToEmbed, i: number, slot: number, tokenizer: WindowTokenizer) {
  const [start, end] = paper.sentences[i]!;
  return textWindow(paper.abstract.slice(start, end), slot, tokenizer);
}

/**
 * A text alone in its row, as `embed` feeds it to the model: its ids framed by the special
 * tokens (cut to the window, see `framed`), pooled over every token into `slot`. `truncated`
 * is 1 when the text was cut.
 *
 * @example
 * textWindow("graph networks", 0, tokenizer); // { window: { ids: [101, …, 102], spans: [{ slot: 0, from: 0, to: 4 }] }, truncated: 0 }
 */
export function textWindow(
  text: string,
  slot: number,
  tokenizer: WindowTokenizer,
): { window: PassWindow; truncated: number } {
  const { ids, truncated } = framed(tokenizer.encode(text), tokenizer);
  return { window: { ids, spans: [{ slot, from: 0, to: ids.length }] }, truncated };
}

/**
 * `[...prefix, ...content, ...suffix]` with the content cut to fit the window, so that a long
 * text still ends in `[SEP]`, as sentence-transformers cuts. (transformers.js' own truncation
 * cuts the framed ids at the window, dropping `[SEP]`, which shifts every long text's vector:
 * cosine ≈ 0.999 to the Python model's instead of 1.)
 */
function framed(content: readonly number[], tokenizer: WindowTokenizer) {
  const room = tokenizer.maxTokens - tokenizer.prefix.length - tokenizer.suffix.length;
  const truncated = content.length > room ? 1 : 0;
  return { ids: [...tokenizer.prefix, ...content.slice(0, room), ...tokenizer.suffix], truncated };
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

function checkSentences(paper: PaperToEmbed): void {
  let previousEnd = 0;
  for (const [start, end] of paper.sentences) {
    if (
      !(
        Number.isInteger(start) &&
        Number.isInteger(end) &&
        previousEnd <= start &&
        start <= end &&
        end <= paper.abstract.length
      )
    ) {
      throw new RangeError(
        `Sentence [${start}, ${end}) of "${paper.title}" is not a range of its abstract (length ${paper.abstract.length}) after the previous sentence (ending at ${previousEnd}): give sorted, non-overlapping offsets, as splitSentences returns them.`,
      );
    }
    previousEnd = end;
  }
}
