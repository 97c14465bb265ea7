import { describe, expect, it } from "vitest";
import { packSentenceTerms, sentenceTermsOf, sharedTerms } from "../../src/index/sentence-terms.ts";

describe("sentence terms", () => {
  const lists = [[4, 9], [], [2, 4, 7]];
  const terms = sentenceTermsOf(packSentenceTerms(lists), lists.length);

  it("packs each sentence's ids behind its count and finds them again", () => {
    expect(Array.from(terms.packed)).toEqual([2, 4, 9, 0, 3, 2, 4, 7]);
    expect(Array.from(terms.starts)).toEqual([0, 3, 4]);
  });

  it("counts the query terms a sentence shares", () => {
    const query = new Set([4, 7, 100]);
    expect(lists.map((_, i) => sharedTerms(terms, i, query))).toEqual([1, 0, 2]);
  });

  it("refuses packed data that does not hold the expected number of sentences", () => {
    const packed = packSentenceTerms(lists);
    expect(() => sentenceTermsOf(packed, 2)).toThrow(RangeError);
    expect(() => sentenceTermsOf(packed, 4)).toThrow(RangeError);
    expect(() => sentenceTermsOf(packed.subarray(0, 5), 3)).toThrow(RangeError);
  });
});
