import { describe, expect, it } from "vitest";
import {
  locateSnippets,
  rangeSegments,
  type TextRange,
} from "../../web/src/text/range-segments.ts";
import type { TextSegment } from "../../web/src/text/term-segments.ts";

const marked = (segments: TextSegment[]) =>
  segments.filter((segment) => segment.marked).map((segment) => segment.text);

/** Joined, the segments are the text; each sits at its offset; marked and unmarked alternate. */
function expectWellFormed(text: string, segments: TextSegment[]) {
  expect(segments.map((segment) => segment.text).join("")).toBe(text);
  for (const [i, segment] of segments.entries()) {
    expect(segment.text).not.toBe("");
    expect(text.slice(segment.start, segment.start + segment.text.length)).toBe(segment.text);
    if (i > 0) expect(segment.marked).not.toBe(segments[i - 1]?.marked);
  }
}

describe("rangeSegments", () => {
  const text = "One. Two. Three.";

  it("marks one range in the middle", () => {
    expect(rangeSegments(text, [{ start: 5, end: 9 }])).toEqual([
      { text: "One. ", start: 0, marked: false },
      { text: "Two.", start: 5, marked: true },
      { text: " Three.", start: 9, marked: false },
    ]);
  });

  it("marks ranges at the very start and the very end of the text", () => {
    const segments = rangeSegments(text, [
      { start: 0, end: 4 },
      { start: 10, end: text.length },
    ]);
    expect(segments).toEqual([
      { text: "One.", start: 0, marked: true },
      { text: " Two. ", start: 4, marked: false },
      { text: "Three.", start: 10, marked: true },
    ]);
  });

  it("marks the whole text as one segment", () => {
    expect(rangeSegments(text, [{ start: 0, end: text.length }])).toEqual([
      { text, start: 0, marked: true },
    ]);
  });

  it("gives one unmarked segment without ranges, and nothing for empty text", () => {
    expect(rangeSegments(text, [])).toEqual([{ text, start: 0, marked: false }]);
    expect(rangeSegments("", [{ start: 0, end: 3 }])).toEqual([]);
  });

  it.each<[string, TextRange[], string[]]>([
    [
      "overlapping",
      [
        { start: 0, end: 7 },
        { start: 5, end: 9 },
      ],
      ["One. Two."],
    ],
    [
      "touching",
      [
        { start: 0, end: 5 },
        { start: 5, end: 9 },
      ],
      ["One. Two."],
    ],
    [
      "contained",
      [
        { start: 0, end: 9 },
        { start: 5, end: 7 },
      ],
      ["One. Two."],
    ],
    [
      "unsorted",
      [
        { start: 10, end: 16 },
        { start: 0, end: 4 },
      ],
      ["One.", "Three."],
    ],
    [
      "duplicate",
      [
        { start: 5, end: 9 },
        { start: 5, end: 9 },
      ],
      ["Two."],
    ],
  ])("merges %s ranges", (_, ranges, expected) => {
    const segments = rangeSegments(text, ranges);
    expectWellFormed(text, segments);
    expect(marked(segments)).toEqual(expected);
  });

  it.each<[string, TextRange[], string[]]>([
    ["a range before the text", [{ start: -5, end: 4 }], ["One."]],
    ["a range past the end", [{ start: 10, end: 99 }], ["Three."]],
    ["a range entirely past the end", [{ start: 20, end: 30 }], []],
    ["an empty range", [{ start: 3, end: 3 }], []],
    ["a reversed range", [{ start: 9, end: 5 }], []],
    ["offsets that are not numbers", [{ start: Number.NaN, end: 4 }], []],
  ])("clips or drops %s", (_, ranges, expected) => {
    const segments = rangeSegments(text, ranges);
    expectWellFormed(text, segments);
    expect(marked(segments)).toEqual(expected);
  });

  it("counts offsets in UTF-16 units, as JavaScript strings do", () => {
    const emoji = "🚀 Fast. Ünïcode.";
    expect(marked(rangeSegments(emoji, [{ start: 3, end: 8 }]))).toEqual(["Fast."]);
  });
});

describe("locateSnippets", () => {
  const abstract = "A. B. A.";

  it("keeps offsets that hold the snippet verbatim, even for a later occurrence", () => {
    expect(locateSnippets(abstract, [{ text: "A.", start: 6, end: 8 }])).toEqual([
      { start: 6, end: 8 },
    ]);
  });

  it("accepts snippets at the abstract's first and last characters", () => {
    expect(
      locateSnippets(abstract, [
        { text: "A.", start: 0, end: 2 },
        { text: abstract, start: 0, end: abstract.length },
      ]),
    ).toEqual([
      { start: 0, end: 2 },
      { start: 0, end: 8 },
    ]);
  });

  it.each([
    ["offsets pointing elsewhere", 0, 2],
    ["offsets past the end", 40, 42],
    ["missing offsets (-1)", -1, -1],
    ["reversed offsets", 5, 3],
  ])("finds the first occurrence for %s", (_, start, end) => {
    expect(locateSnippets(abstract, [{ text: "B.", start, end }])).toEqual([{ start: 3, end: 5 }]);
  });

  it("leaves out snippets that are not in the abstract, keeping the others in order", () => {
    expect(
      locateSnippets(abstract, [
        { text: "C.", start: 0, end: 2 },
        { text: "B.", start: 3, end: 5 },
        { text: "b.", start: 3, end: 5 },
      ]),
    ).toEqual([{ start: 3, end: 5 }]);
  });

  it("marks nothing for an empty snippet or an empty abstract", () => {
    for (const [text, snippetText, start, end] of [
      [abstract, "", 2, 2],
      [abstract, "", -1, -1],
      ["", "A.", 0, 2],
    ] as const) {
      const segments = rangeSegments(
        text,
        locateSnippets(text, [{ text: snippetText, start, end }]),
      );
      expect(marked(segments)).toEqual([]);
    }
  });

  it("feeds rangeSegments: overlapping snippets, one with stale offsets, mark the right text once", () => {
    const text = "Graphs help. Trees help too. Both are fast.";
    const ranges = locateSnippets(text, [
      { text: "Trees help too.", start: 0, end: 15 },
      { text: "help too. Both", start: 19, end: 33 },
      { text: "Not in the abstract.", start: 0, end: 20 },
    ]);
    const segments = rangeSegments(text, ranges);
    expectWellFormed(text, segments);
    expect(marked(segments)).toEqual(["Trees help too. Both"]);
  });
});
