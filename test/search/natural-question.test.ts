import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/contract/tokenize.ts";
import { naturalQuestion } from "../../src/search/natural-question.ts";

describe("naturalQuestion", () => {
  it.each([
    ["LightGCN: Simplifying and Powering Graph Convolution Network", "What is LightGCN?"],
    [
      "PHNNs: Lightweight Neural Networks via Parameterized Hypercomplex Convolutions",
      "What are PHNNs?",
    ],
    ["Dynamic Y-KD: A Hybrid Approach to Continual Instance Segmentation", "What is Dynamic Y-KD?"],
    [
      "A Brief Review of Hypernetworks in Deep Learning.",
      "Is there a review of hypernetworks in deep learning?",
    ],
    [
      "Convergent Learning: Do different neural networks learn the same representations?",
      "Do different neural networks learn the same representations?",
    ],
    [
      "Can we Constrain Concept Bottleneck Models to Learn Semantically Meaningful Input Features?",
      "Can we constrain concept bottleneck models to learn semantically meaningful input features?",
    ],
    [
      "Network Pruning via Transformable Architecture Search",
      "What can transformable architecture search do for network pruning?",
    ],
    [
      "Sheaf Neural Networks for Graph-based Recommender Systems",
      "What can sheaf neural networks do for graph-based recommender systems?",
    ],
    [
      "Neural Collapse in Deep Linear Networks: From Balanced to Imbalanced Data",
      "What is neural collapse in deep linear networks?",
    ],
    ["Data Filtering Networks", "What are data filtering networks?"],
    [
      "Sparse retrieval\n  for long scientific abstracts",
      "What can sparse retrieval do for long scientific abstracts?",
    ],
    ["Strings on a circle", "What are strings on a circle?"],
  ])("%j → %j", (title, question) => {
    expect(naturalQuestion(title)).toBe(question);
  });

  it.each([
    [
      "a title that reads as a sentence",
      "Magnitude Invariant Parametrizations Improve Hypernetwork Learning",
    ],
    ["a slogan", "SuSana Distancia is all you need: Enforcing class separability"],
    [
      "a topic that starts with an -ing verb",
      "Training Bayesian Neural Networks with Sparse Subspace Variational Inference",
    ],
    ["one word", "Untitled"],
    ["a topic of more than ten words", Array(11).fill("Word").join(" ")],
  ])("asks nothing about %s", (_, title) => {
    expect(naturalQuestion(title)).toBeUndefined();
  });

  it("asks in the title's own words only: every word it adds is a stopword", () => {
    for (const title of [
      "LightGCN: Simplifying Graph Convolution",
      "Network Pruning via Transformable Architecture Search",
      "Sheaf Neural Networks for Graph-based Recommender Systems",
      "Data Filtering Networks",
    ]) {
      const own = new Set(tokenize(title));
      for (const term of tokenize(naturalQuestion(title)!)) expect(own).toContain(term);
    }
  });
});
