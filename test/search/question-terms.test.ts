import { describe, expect, it } from "vitest";
import { sentenceTermWeights, weightedTerms } from "../../src/search/question-terms.ts";
import { idf } from "../../src/store/idf.ts";
import { packSentenceTerms, termHash } from "../../src/store/sentence-terms.ts";

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
  });
});

describe("sentenceTermWeights", () => {
  it("sums the weights of the question terms each sentence holds, each once", () => {
    const packed = packSentenceTerms([["graph", "network", "graph"], [], ["node", "graph"], ["x"]]);
    const terms = {
      hashes: Uint32Array.from(["graph", "node", "absent"].map(termHash)),
      weights: Float64Array.of(2, 1, 5),
    };
    expect(sentenceTermWeights(packed, terms)).toEqual([2, 0, 3, 0]);
  });

  it("gives every sentence 0 for a question with no known term", () => {
    const packed = packSentenceTerms([["graph"], ["node"]]);
    const none = { hashes: new Uint32Array(), weights: new Float64Array() };
    expect(sentenceTermWeights(packed, none)).toEqual([0, 0]);
  });
});
