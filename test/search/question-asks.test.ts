import { describe, expect, it } from "vitest";
import { asksAboutProblem } from "../../src/search/question-asks.ts";

describe("asksAboutProblem", () => {
  it.each([
    "why do ordinary message passing neural networks struggle with link prediction?",
    "What is wrong with merging methods that resolve conflicts by sign?",
    "what's the problem with one static vector per user?",
    "what are the limitations of post-hoc concept bottleneck models",
    "downsides of one static vector per user in GNN recommenders",
    "what goes wrong when a GCN linearly combines categorical features?",
    "Why can’t ordinary NAS algorithms search GNN architectures?",
    "does online distillation break down with a large teacher?",
    "instance segmentation methods do badly on top-view images",
  ])("holds for a question about what is wrong: %s", (question) => {
    expect(asksAboutProblem(question)).toBe(true);
  });

  it.each([
    "how can I make graph convolution simpler for recommendation?",
    "how many parameters does a network really need to solve a problem?",
    "which datasets was CATNet evaluated on?",
    "What is LightGCN?",
    "is there a survey of hypernetworks?",
  ])("does not hold for a question that asks something else: %s", (question) => {
    expect(asksAboutProblem(question)).toBe(false);
  });

  it("does not hold when the question asks for the remedy too", () => {
    expect(asksAboutProblem("why are hypernetworks slow to train?")).toBe(true);
    expect(
      asksAboutProblem("why are hypernetworks slow to train, and how can that be fixed?"),
    ).toBe(false);
    expect(asksAboutProblem("what makes GNNs fail, and how do we avoid it?")).toBe(false);
  });

  it("does not hold for a pasted abstract, whatever it says of failures", () => {
    const draft =
      "Graph neural networks fail on heterophilous graphs. We propose a new aggregation that separates ego and neighbour embeddings, and we show on nine benchmarks that it outperforms prior methods while using fewer parameters. Existing methods cannot capture long-range dependencies because they only aggregate local neighbourhoods; our model adds a global attention layer over sampled nodes to fix this.";
    expect(asksAboutProblem(draft.split(". ")[0]!)).toBe(true);
    expect(asksAboutProblem(draft)).toBe(false);
  });
});
