import { describe, expect, it } from "vitest";
import { sentenceTermEvidence, weightedTerms } from "../../src/search/question-terms.ts";
import { idf } from "../../src/store/idf.ts";
import { packSentenceTerms, termHash } from "../../src/store/sentence-terms.ts";

const statistics = {
  docCount: 70,
  frequencies: [
    { term: "much", docs: 9 },
    { term: "better", docs: 12 },
    { term: "ngcf", docs: 1 },
    { term: "lightgcn", docs: 2 },
    { term: "graph", docs: 30 },
    { term: "cnn", docs: 10 },
  ],
};

describe("weightedTerms", () => {
  it("weighs each question term the index holds by its IDF in the whole index", () => {
    const terms = weightedTerms({
      docCount: 70,
      frequencies: [
        { term: "lightgcn", docs: 2 },
        { term: "graph", docs: 30 },
      ],
    });
    expect(Array.from(terms.hashes)).toEqual([termHash("lightgcn"), termHash("graph")]);
    expect(Array.from(terms.weights)).toEqual([idf(70, 2), idf(70, 30)]);
    expect(terms.weights[0]).toBeGreaterThan(terms.weights[1]!);
    expect(terms.weights[1]).toBeGreaterThan(0);
    expect(terms.names).toBeUndefined();
  });

  it("marks the terms of the names a question gives: words written as names that few papers hold", () => {
    const names = (question: string) => {
      const terms = weightedTerms(statistics, question);
      return statistics.frequencies.map(({ term }) => term).filter((_, i) => terms.names![i]);
    };
    expect(names("how much better than NGCF is LightGCN?")).toEqual(["ngcf", "lightgcn"]);
    // As plain words they are not names; a common acronym (10 of 70 papers, over √70 / 2) is a topic.
    expect(names("how much better than ngcf is lightgcn?")).toEqual([]);
    expect(names("is a CNN better than a graph network?")).toEqual([]);
  });
});

describe("sentenceTermEvidence", () => {
  it("sums the weights of the question terms each sentence holds, each once", () => {
    const packed = packSentenceTerms([["graph", "network", "graph"], [], ["node", "graph"], ["x"]]);
    const terms = {
      hashes: Uint32Array.from(["graph", "node", "absent"].map(termHash)),
      weights: Float64Array.of(2, 1, 5),
    };
    expect(sentenceTermEvidence(packed, terms)).toEqual({
      weights: [2, 0, 3, 0],
      asksDetail: false,
    });
  });

  it("counts nothing for the terms of the paper's title, which say which paper, not which sentence", () => {
    const packed = packSentenceTerms([["propose", "lightgcn", "graph"], ["graph", "better"], []]);
    const terms = {
      hashes: Uint32Array.from(["lightgcn", "graph", "better"].map(termHash)),
      weights: Float64Array.of(3, 2, 1),
    };
    const title = Uint32Array.from(["lightgcn", "graph"].map(termHash));
    expect(sentenceTermEvidence(packed, terms, title)).toEqual({
      weights: [0, 1, 0],
      asksDetail: false,
    });
    // Unless the question holds nothing else the paper does.
    const onlyTitle = packSentenceTerms([["propose", "lightgcn", "graph"], ["graph"], []]);
    expect(sentenceTermEvidence(onlyTitle, terms, title)).toEqual({
      weights: [5, 2, 0],
      asksDetail: false,
    });
  });

  it("weighs every term of a long question (a pasted abstract), past the first 32", () => {
    const words = Array.from({ length: 70 }, (_, i) => `term${i}`);
    const terms = {
      hashes: Uint32Array.from(words.map(termHash)),
      weights: Float64Array.from(words, (_, i) => i + 1),
    };
    const packed = packSentenceTerms([["term0", "term31"], ["term32", "term69"], ["term40"]]);
    expect(sentenceTermEvidence(packed, terms)).toEqual({
      weights: [1 + 32, 33 + 70, 41],
      asksDetail: false,
    });
  });

  it("gives every sentence 0 for a question with no known term", () => {
    const packed = packSentenceTerms([["graph"], ["node"]]);
    const none = { hashes: new Uint32Array(), weights: new Float64Array() };
    expect(sentenceTermEvidence(packed, none)).toEqual({ weights: [0, 0], asksDetail: false });
  });

  it("leaves a paper's name out when the question asks more about that paper", () => {
    const terms = {
      hashes: Uint32Array.from(["lightgcn", "better"].map(termHash)),
      weights: Float64Array.of(3, 1),
      names: Uint8Array.of(1, 0),
    };
    const lightgcn = packSentenceTerms([["propose", "lightgcn"], ["lightgcn", "better"], []]);
    expect(sentenceTermEvidence(lightgcn, terms)).toEqual({
      weights: [0, 1, 0],
      asksDetail: true,
    });
    // Asked nothing more of the named paper, or asked of a paper that does not hold the name.
    expect(sentenceTermEvidence(packSentenceTerms([["lightgcn"], []]), terms)).toEqual({
      weights: [3, 0],
      asksDetail: false,
    });
    expect(sentenceTermEvidence(packSentenceTerms([["better"], []]), terms)).toEqual({
      weights: [1, 0],
      asksDetail: false,
    });
  });
});
