import { describe, expect, it } from "vitest";
import { answerBlocks, inlineSpans } from "../../web/src/chat/answer-blocks.ts";

describe("answerBlocks", () => {
  it("returns nothing for an empty or blank answer", () => {
    expect(answerBlocks("")).toEqual([]);
    expect(answerBlocks("\n  \n\t\n")).toEqual([]);
  });

  it("keeps text that is not Markdown as one paragraph, line breaks included", () => {
    expect(answerBlocks("Graphs help.\nSo do trees [1].")).toEqual([
      { kind: "paragraph", text: "Graphs help.\nSo do trees [1].", line: 0 },
    ]);
  });

  it("ends a paragraph at a blank or whitespace-only line, numbering blocks by their first line", () => {
    expect(answerBlocks("One.\n\nTwo.\n   \nThree.")).toEqual([
      { kind: "paragraph", text: "One.", line: 0 },
      { kind: "paragraph", text: "Two.", line: 2 },
      { kind: "paragraph", text: "Three.", line: 4 },
    ]);
  });

  it("reads an intro paragraph followed by a bullet list", () => {
    expect(answerBlocks("Papers say:\n\n- A [1]\n- B [2]")).toEqual([
      { kind: "paragraph", text: "Papers say:", line: 0 },
      {
        kind: "list",
        ordered: false,
        line: 2,
        items: [
          { text: "A [1]", line: 2 },
          { text: "B [2]", line: 3 },
        ],
      },
    ]);
  });

  it.each([
    ["- item", false],
    ["* item", false],
    ["• item", false],
    ["  - indented item", false],
    ["1. item", true],
    ["12) item", true],
  ])("reads %j as a list item", (line, ordered) => {
    const [block] = answerBlocks(line);
    expect(block).toMatchObject({ kind: "list", ordered, items: [{ line: 0 }] });
    expect(block?.kind === "list" && block.items[0]?.text).toMatch(/item$/);
  });

  it.each([
    "**LightGCN** is simple.",
    "-dash without a space",
    "*emphasis* first",
    "2019 was a good year.",
    "3.7 AP better",
  ])("does not read %j as a list item", (line) => {
    expect(answerBlocks(line)).toEqual([{ kind: "paragraph", text: line, line: 0 }]);
  });

  it("ends a paragraph where a list starts without a blank line, and starts one after it", () => {
    expect(answerBlocks("Intro:\n1. first\n2. second\nAfter.")).toEqual([
      { kind: "paragraph", text: "Intro:", line: 0 },
      {
        kind: "list",
        ordered: true,
        start: 1,
        line: 1,
        items: [
          { text: "first", line: 1 },
          { text: "second", line: 2 },
        ],
      },
      { kind: "paragraph", text: "After.", line: 3 },
    ]);
  });

  it("carries the first number of a numbered list, so a list may start past 1", () => {
    expect(answerBlocks("3. c\n4. d")).toEqual([
      {
        kind: "list",
        ordered: true,
        start: 3,
        line: 0,
        items: [
          { text: "c", line: 0 },
          { text: "d", line: 1 },
        ],
      },
    ]);
  });

  it("keeps the numbering of a numbered list that a sub-bullet interrupts", () => {
    const blocks = answerBlocks("1. a\n   - sub\n2. b");
    expect(blocks).toMatchObject([
      { kind: "list", ordered: true, start: 1, items: [{ text: "a" }] },
      { kind: "list", ordered: false, items: [{ text: "sub" }] },
      { kind: "list", ordered: true, start: 2, items: [{ text: "b" }] },
    ]);
    expect(blocks[1]).not.toHaveProperty("start");
  });

  it("starts a new list when bullets switch to numbers", () => {
    const blocks = answerBlocks("- a\n- b\n1. c");
    expect(blocks.map((block) => block.kind === "list" && block.ordered)).toEqual([false, true]);
  });

  it("keeps items separated by a blank line in one list", () => {
    expect(answerBlocks("- a\n\n- b")).toEqual([
      {
        kind: "list",
        ordered: false,
        line: 0,
        items: [
          { text: "a", line: 0 },
          { text: "b", line: 2 },
        ],
      },
    ]);
  });

  it("keeps the line of every finished block while the answer streams in", () => {
    const answer = "The closest papers say:\n\n- **A**: “x” [1]\n- **B**: “y” [2]\n\nBoth agree.";
    const final = answerBlocks(answer);
    for (let end = 1; end <= answer.length; end += 1) {
      const finished = answerBlocks(answer.slice(0, end)).slice(0, -1);
      for (const [i, block] of finished.entries()) {
        expect(block.line).toBe(final[i]?.line);
        expect(block.kind).toBe(final[i]?.kind);
      }
    }
  });
});

describe("inlineSpans", () => {
  it("returns nothing for an empty line and one text span for plain text", () => {
    expect(inlineSpans("")).toEqual([]);
    expect(inlineSpans("Plain [1] text.")).toEqual([
      { kind: "text", text: "Plain [1] text.", start: 0 },
    ]);
  });

  it("removes the markers of strong, em and code, with offsets of where each span starts", () => {
    expect(inlineSpans("A **bold** and _em_ or *em* with `x[1]`.")).toEqual([
      { kind: "text", text: "A ", start: 0 },
      { kind: "strong", text: "bold", start: 2 },
      { kind: "text", text: " and ", start: 10 },
      { kind: "em", text: "em", start: 15 },
      { kind: "text", text: " or ", start: 19 },
      { kind: "em", text: "em", start: 23 },
      { kind: "text", text: " with ", start: 27 },
      { kind: "code", text: "x[1]", start: 33 },
      { kind: "text", text: ".", start: 39 },
    ]);
  });

  it("reads the extractive answer's lines: a bold title, then the quote and its citation", () => {
    expect(inlineSpans("**RCNet: Reverse Feature Pyramid**: “FPN are widely used.” [1]")).toEqual([
      { kind: "strong", text: "RCNet: Reverse Feature Pyramid", start: 0 },
      { kind: "text", text: ": “FPN are widely used.” [1]", start: 34 },
    ]);
  });

  it("reads the fallback notice line as one emphasised sentence", () => {
    const notice =
      "The language model llama3.2:1b answered HTTP 500, so this answer is quoted from the papers instead.";
    expect(inlineSpans(`_${notice}_`)).toEqual([{ kind: "em", text: notice, start: 0 }]);
  });

  it("splits adjacent strong spans without an empty text span between them", () => {
    expect(inlineSpans("**a** **b**")).toEqual([
      { kind: "strong", text: "a", start: 0 },
      { kind: "text", text: " ", start: 5 },
      { kind: "strong", text: "b", start: 6 },
    ]);
    expect(inlineSpans("**a****b**")).toEqual([
      { kind: "strong", text: "a", start: 0 },
      { kind: "strong", text: "b", start: 5 },
    ]);
  });

  it("keeps markers inside code as they are", () => {
    expect(inlineSpans("`a**b**_c_`")).toEqual([{ kind: "code", text: "a**b**_c_", start: 0 }]);
  });

  it("keeps a citation inside a strong or em span in that span's text", () => {
    expect(inlineSpans("**LightGCN [1]** and _NGCF [2]_")).toEqual([
      { kind: "strong", text: "LightGCN [1]", start: 0 },
      { kind: "text", text: " and ", start: 16 },
      { kind: "em", text: "NGCF [2]", start: 21 },
    ]);
  });

  it.each([
    "snake_case_name",
    "the __init__ method",
    "x_1 and y_2",
    "A* search and B* trees",
    "**unclosed bold",
    "an `unclosed code span",
    "a lone _ underscore",
    "2 * 3 * 4",
    "2 ** 3 ** 4",
    "a *b * c",
    "a * b* c",
    "_foo*",
    "see *foo_ bar",
  ])("leaves %j as plain text", (line) => {
    expect(inlineSpans(line)).toEqual([{ kind: "text", text: line, start: 0 }]);
  });

  it("handles non-ASCII text, counting offsets in UTF-16 units", () => {
    expect(inlineSpans("🚀 **Ünïcödé** _naïve_ 日本")).toEqual([
      { kind: "text", text: "🚀 ", start: 0 },
      { kind: "strong", text: "Ünïcödé", start: 3 },
      { kind: "text", text: " ", start: 14 },
      { kind: "em", text: "naïve", start: 15 },
      { kind: "text", text: " 日本", start: 22 },
    ]);
  });
});
