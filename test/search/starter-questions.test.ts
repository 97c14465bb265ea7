import { describe, expect, it } from "vitest";
import { questionFromTitle } from "../../src/search/starter-questions.ts";

describe("questionFromTitle", () => {
  it.each([
    ["LightGCN: Simplifying and Powering Graph Convolution Network", "What is LightGCN?"],
    [
      "Concept-Centric Transformers: Enhancing Interpretability",
      "What is Concept-Centric Transformers?",
    ],
    [
      "Neural Collapse in Deep Linear Networks: From Balanced to Imbalanced Data",
      "What is known about neural collapse in deep linear networks?",
    ],
    [
      "Counting lattice paths\n  under a moving boundary",
      "What is known about counting lattice paths under a moving boundary?",
    ],
    [
      "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies",
      "What is known about calculation of prompt diphoton production cross sections at Tevatron and LHC energies?",
    ],
    [
      "A Brief Review of Hypernetworks in Deep Learning.",
      "What is known about a brief review of hypernetworks in deep learning?",
    ],
    [
      "BERT Rediscovers the Classical NLP Pipeline",
      "What is known about BERT rediscovers the classical NLP pipeline?",
    ],
  ])("%j → %j", (title, question) => {
    expect(questionFromTitle(title)).toBe(question);
  });

  it("asks nothing about a one-word or very long title", () => {
    expect(questionFromTitle("Untitled")).toBeUndefined();
    expect(questionFromTitle(Array(13).fill("word").join(" "))).toBeUndefined();
  });
});
