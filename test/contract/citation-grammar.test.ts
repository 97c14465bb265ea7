import { describe, expect, it } from "vitest";
import {
  citationGroups,
  citedNumbers,
  itemNumbers,
  unfinishedCitationStart,
} from "../../src/contract/citation-grammar.ts";

describe("citationGroups", () => {
  it("reads each group with its offsets and items, spaces dropped from an item's text", () => {
    expect(citationGroups("A [1]. B [2 ,3-4]. C [1 – 2].")).toEqual([
      { text: "[1]", start: 2, end: 5, items: [{ from: 1, to: 1, text: "1" }] },
      {
        text: "[2 ,3-4]",
        start: 9,
        end: 17,
        items: [
          { from: 2, to: 2, text: "2" },
          { from: 3, to: 4, text: "3-4" },
        ],
      },
      { text: "[1 – 2]", start: 21, end: 28, items: [{ from: 1, to: 2, text: "1–2" }] },
    ]);
  });

  it.each(["[a]", "[]", "[1.5]", "[ 1 ]", "[1,]", "[,1]", "[1-2-3]", "(1)", "[1 2]"])(
    "does not read %s as a citation group",
    (text) => {
      expect(citationGroups(`x ${text} y`)).toEqual([]);
    },
  );
});

describe("itemNumbers", () => {
  it.each([
    [{ from: 2, to: 2 }, 3, [2]],
    [{ from: 1, to: 3 }, 3, [1, 2, 3]],
    [{ from: 0, to: 0 }, 3, undefined],
    [{ from: 4, to: 4 }, 3, undefined],
    [{ from: 2, to: 4 }, 3, undefined],
    [{ from: 3, to: 1 }, 3, undefined],
    [{ from: 1, to: 1 }, 0, undefined],
  ])("%j among %i sources names %j", (range, sourceCount, numbers) => {
    expect(itemNumbers({ ...range, text: "" }, sourceCount)).toEqual(numbers);
  });
});

describe("citedNumbers", () => {
  it("reads single and grouped citations in order", () => {
    expect(citedNumbers("A [1]. B [2, 3]. C [1][4].")).toEqual([1, 2, 3, 1, 4]);
  });

  it("expands ranges, and a backwards range names nothing", () => {
    expect(citedNumbers("A [1-3]. B [2, 4–5]. C [3-1].")).toEqual([1, 2, 3, 2, 4, 5]);
  });

  it("ignores brackets that are not citations", () => {
    expect(citedNumbers("arrays like [a, b] and [] and [1.5]")).toEqual([]);
  });
});

describe("unfinishedCitationStart", () => {
  it.each([
    ["Fast [", 5],
    ["Fast [1-", 5],
    ["Fast [2, 3", 5],
    ["Fast [1] and [", 13],
  ])("finds the group %j may still be writing", (text, start) => {
    expect(unfinishedCitationStart(text)).toBe(start);
  });

  it.each(["Fast [1]", "Fast", "Fast [x"])("finds none in %j", (text) => {
    expect(unfinishedCitationStart(text)).toBeUndefined();
  });
});
