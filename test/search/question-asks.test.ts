import { describe, expect, it } from "vitest";
import { asksAboutProblem } from "../../src/search/question-asks.ts";

describe("asksAboutProblem", () => {
  it.each([
    "why do ordinary message passing neural networks struggle with link prediction?",
    "What is wrong with merging methods that resolve conflicts by sign?",
    "whats wrong with BPR",
    "what's the problem with one static vector per user?",
    "what are the weaknesses?",
    "what are the limitations of post-hoc concept bottleneck models",
    "What are LightGCN's limitations?",
    "downsides of one static vector per user in GNN recommenders",
    "issues with batch norm in small batches",
    "what goes wrong when a GCN linearly combines categorical features?",
    "Why can’t ordinary NAS algorithms search GNN architectures?",
    "what can't GNNs count?",
    "failure modes of diffusion models",
    "how do iterative solvers fail on stiff problems?",
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
    "which GNNs scale to graphs that cannot fit in memory?",
    "papers that break down a question into sub-questions",
    "a fail-safe scheduler for training jobs",
  ])("does not hold for a question that asks something else: %s", (question) => {
    expect(asksAboutProblem(question)).toBe(false);
  });

  it.each([
    [
      "why are hypernetworks slow to train?",
      "why are hypernetworks slow to train, and how can that be fixed?",
    ],
    ["what makes GNNs fail?", "what makes GNNs fail, and how do we avoid it?"],
    ["a worker fails during training", "how do systems recover when a worker fails?"],
    ["the drawbacks of BPR loss", "which methods overcome the drawbacks of BPR loss?"],
  ])("does not hold when the question asks for the remedy too: %s / %s", (problem, remedy) => {
    expect(asksAboutProblem(problem)).toBe(true);
    expect(asksAboutProblem(remedy)).toBe(false);
  });

  it("does not hold for a pasted abstract (over 40 words), whatever it says of failures", () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");
    expect(asksAboutProblem(`  why does it fail ${words(36)} `)).toBe(true);
    expect(asksAboutProblem(`why does it fail ${words(37)}`)).toBe(false);
    const draft =
      "Graph neural networks fail on heterophilous graphs. We propose a new aggregation that separates ego and neighbour embeddings, and we show on nine benchmarks that it outperforms prior methods while using fewer parameters. Existing methods cannot capture long-range dependencies because they only aggregate local neighbourhoods; our model adds a global attention layer over sampled nodes to fix this.";
    expect(asksAboutProblem(draft.split(". ")[0]!)).toBe(true);
    expect(asksAboutProblem(draft)).toBe(false);
  });
});
