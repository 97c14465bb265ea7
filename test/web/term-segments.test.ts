import { describe, expect, it } from "vitest";
import { questionTerms, type TextSegment, termSegments } from "../../web/src/text/term-segments.ts";

const marked = (segments: TextSegment[]) =>
  segments.filter((segment) => segment.marked).map((segment) => segment.text);

const highlight = (text: string, question: string) => termSegments(text, questionTerms(question));

describe("questionTerms", () => {
  it("normalises a question the way search does: lower case, stopwords out, plurals folded", () => {
    expect([...questionTerms("Which Graph Networks?")]).toEqual(["graph", "network"]);
  });

  it("has no terms for an empty question or one made only of stopwords", () => {
    expect(questionTerms("").size).toBe(0);
    expect(questionTerms("What is the ... ?").size).toBe(0);
  });
});

describe("termSegments", () => {
  it("marks a word at the start and gives the rest unmarked, with offsets", () => {
    expect(termSegments("Graph convolution for users", new Set(["graph"]))).toEqual([
      { text: "Graph", start: 0, marked: true },
      { text: " convolution for users", start: 5, marked: false },
    ]);
  });

  it("marks a word at the end of the text", () => {
    expect(termSegments("users of graphs", new Set(["graph"]))).toEqual([
      { text: "users of ", start: 0, marked: false },
      { text: "graphs", start: 9, marked: true },
    ]);
  });

  it("marks inflected forms and other cases of a question's terms", () => {
    expect(
      marked(highlight("Networks of GRAPH nodes; a network per graph.", "graph networks")),
    ).toEqual(["Networks", "GRAPH", "network", "graph"]);
  });

  it("marks every word separately, keeping the space between them unmarked", () => {
    expect(highlight("graph networks", "graph network")).toEqual([
      { text: "graph", start: 0, marked: true },
      { text: " ", start: 5, marked: false },
      { text: "networks", start: 6, marked: true },
    ]);
  });

  it("marks a hyphenated word whole when one of its parts is a term", () => {
    expect(highlight("A graph-based model.", "graph")).toEqual([
      { text: "A ", start: 0, marked: false },
      { text: "graph-based", start: 2, marked: true },
      { text: " model.", start: 13, marked: false },
    ]);
  });

  it("does not mark a word that merely contains a term", () => {
    expect(marked(highlight("Paragraphs and telegraphs", "graph"))).toEqual([]);
  });

  it("folds accents both ways", () => {
    expect(marked(highlight("Café and cafe and CAFÉS", "café"))).toEqual(["Café", "cafe", "CAFÉS"]);
    expect(marked(highlight("naïve Bayes", "naive"))).toEqual(["naïve"]);
  });

  it("gives one unmarked segment without terms, and nothing for empty text", () => {
    expect(termSegments("Graph networks", new Set())).toEqual([
      { text: "Graph networks", start: 0, marked: false },
    ]);
    expect(termSegments("", new Set(["graph"]))).toEqual([]);
  });

  it("gives back the text exactly, with offsets in UTF-16 units", () => {
    const text = "🚀 Graph-based «networks», 日本 graphs… end";
    const segments = highlight(text, "graph network");
    expect(segments.map((segment) => segment.text).join("")).toBe(text);
    for (const segment of segments) {
      expect(text.slice(segment.start, segment.start + segment.text.length)).toBe(segment.text);
    }
    expect(marked(segments)).toEqual(["Graph-based", "networks", "graphs"]);
  });
});
