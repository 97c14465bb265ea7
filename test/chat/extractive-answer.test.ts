import { describe, expect, it } from "vitest";
import { composeExtractiveAnswer, NO_SOURCES_ANSWER } from "../../src/chat/extractive-answer.ts";
import { citedNumbers } from "../../src/contract/citation-grammar.ts";
import type { SearchResult } from "../../src/contract/search-response.ts";

const source = (n: number, snippets: string[]): SearchResult => ({
  id: `paper-${n}`,
  title: `Paper ${n}`,
  score: 1 / n,
  snippets: snippets.map((text, i) => ({
    text,
    start: i * 100,
    end: i * 100 + text.length,
    score: 0.5,
  })),
});

describe("composeExtractiveAnswer", () => {
  const sources = [
    source(1, ["Pyramids help detection.", "They are slow."]),
    source(2, ["Shifts are cheap."]),
    source(3, ["Anchors matter."]),
    source(4, ["Not quoted."]),
  ];

  it("quotes each cited source's best snippet verbatim", () => {
    const answer = composeExtractiveAnswer(sources);
    expect(answer).toContain("“Pyramids help detection.” [1]");
    expect(answer).toContain("“Shifts are cheap.” [2]");
    expect(answer).toContain("**Paper 3**");
  });

  it("cites sources in source order, at most maxCited of them", () => {
    expect(citedNumbers(composeExtractiveAnswer(sources))).toEqual([1, 2, 3]);
    expect(citedNumbers(composeExtractiveAnswer(sources, { maxCited: 2 }))).toEqual([1, 2]);
  });

  it("says so when nothing was found", () => {
    expect(composeExtractiveAnswer([])).toBe(NO_SOURCES_ANSWER);
    expect(citedNumbers(NO_SOURCES_ANSWER)).toEqual([]);
  });
});
