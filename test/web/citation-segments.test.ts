import { describe, expect, it } from "vitest";
import { type AnswerSegment, citationSegments } from "../../web/src/chat/citation-segments.ts";

const citations = (segments: AnswerSegment[]) =>
  segments.flatMap((segment) => (segment.kind === "citation" ? [segment.numbers] : []));

describe("citationSegments", () => {
  it("splits text around a citation, with offsets into the answer", () => {
    expect(citationSegments("Graphs help [1].", 2)).toEqual([
      { kind: "text", text: "Graphs help ", start: 0 },
      { kind: "citation", text: "[1]", start: 12, numbers: [1] },
      { kind: "text", text: ".", start: 15 },
    ]);
  });

  it("leaves no empty text segments for citations at the start, the end or side by side", () => {
    expect(citationSegments("[1] first, then [2][3]", 3)).toEqual([
      { kind: "citation", text: "[1]", start: 0, numbers: [1] },
      { kind: "text", text: " first, then ", start: 3 },
      { kind: "citation", text: "[2]", start: 16, numbers: [2] },
      { kind: "citation", text: "[3]", start: 19, numbers: [3] },
    ]);
    expect(citationSegments("[2]", 2)).toEqual([
      { kind: "citation", text: "[2]", start: 0, numbers: [2] },
    ]);
  });

  it("returns nothing for an empty answer", () => {
    expect(citationSegments("", 3)).toEqual([]);
  });

  it("reads a two-digit citation as one number", () => {
    expect(citations(citationSegments("See [12].", 12))).toEqual([[12]]);
  });

  it.each([
    ["zero", "Fast [0].", 3],
    ["a number beyond the sources", "Fast [12].", 11],
    ["any citation when there are no sources", "Fast [1].", 0],
    ["a group with one unknown number", "Both [2, 9].", 3],
    ["a range running past the sources", "All [2-5].", 3],
    ["a long range running past the sources", "All [1-60].", 5],
    ["a range far past the sources", "All [1-9999999999].", 5],
    ["a reversed range", "All [3-1].", 5],
    ["a range starting at zero", "All [0-2].", 5],
    ["a group with a reversed range", "Both [1, 3-2].", 5],
  ])("keeps %s as plain text", (_, answer, sourceCount) => {
    expect(citationSegments(answer, sourceCount)).toEqual([
      { kind: "text", text: answer, start: 0 },
    ]);
  });

  it("keeps an unknown citation inside the surrounding text", () => {
    expect(citationSegments("a [7] b [1] c", 2)).toEqual([
      { kind: "text", text: "a [7] b ", start: 0 },
      { kind: "citation", text: "[1]", start: 8, numbers: [1] },
      { kind: "text", text: " c", start: 11 },
    ]);
  });

  it.each([
    ["[2, 3]", [2, 3]],
    ["[1,3]", [1, 3]],
    ["[1-3]", [1, 2, 3]],
    ["[1–3]", [1, 2, 3]],
    ["[1 - 2, 4]", [1, 2, 4]],
    ["[3, 3, 1]", [3, 1]],
    ["[2-2]", [2]],
    ["[1-4]", [1, 2, 3, 4]],
  ])("reads the group %s as %j", (group, numbers) => {
    expect(citationSegments(`Both ${group} agree.`, 4)).toEqual([
      { kind: "text", text: "Both ", start: 0 },
      { kind: "citation", text: group, start: 5, numbers },
      { kind: "text", text: " agree.", start: 5 + group.length },
    ]);
  });

  it.each(["[a]", "[]", "[1.5]", "[ 1 ]", "[1,]", "(1)"])(
    "does not read %s as a citation",
    (text) => {
      expect(citations(citationSegments(`x ${text} y`, 5))).toEqual([]);
    },
  );

  it("gives back the answer exactly when the segments are joined, offsets in UTF-16 units", () => {
    const answer = "Émigré 🚀 models [1]; «graphs» [2, 3] and [9] too [3]";
    const segments = citationSegments(answer, 3);
    expect(segments.map((segment) => segment.text).join("")).toBe(answer);
    for (const segment of segments) {
      expect(answer.slice(segment.start, segment.start + segment.text.length)).toBe(segment.text);
    }
    expect(citations(segments)).toEqual([[1], [2, 3], [3]]);
  });
});
