import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { figuresOf, outcomeOf } from "../../scripts/eval/measures.ts";
import { checkQuestionSets, loadQuestionSets } from "../../scripts/eval/question-sets.ts";

const repoRoot = resolve(import.meta.dirname, "../..");

describe("the eval's labelled questions", () => {
  const sets = loadQuestionSets(repoRoot);

  it("name one bundled paper each, and mark answers that are exactly its sentences", async () => {
    await expect(
      checkQuestionSets(sets, resolve(repoRoot, "data/trending-papers.txt")),
    ).resolves.toBeUndefined();
  });

  it("hold the dev set, at least 40 own questions split about evenly, and later held-out splits", () => {
    const sizes = Object.fromEntries(sets.map((set) => [set.name, set.questions.length]));
    expect(sizes.dev).toBe(15);
    expect(sizes["own: tune"]! + sizes["own: heldout"]!).toBeGreaterThanOrEqual(40);
    expect(Math.abs(sizes["own: tune"]! - sizes["own: heldout"]!)).toBeLessThanOrEqual(4);
    expect(sizes["own: heldout2"]).toBeGreaterThanOrEqual(24);
    expect(sizes["own: heldout3"]).toBeGreaterThanOrEqual(40);
    expect(sizes["own: heldout4"]).toBeGreaterThanOrEqual(45);
    expect(sizes["own: heldout5"]).toBeGreaterThanOrEqual(45);
    expect(sizes["own: heldout6"]).toBeGreaterThanOrEqual(45);
  });

  it("ask each own question once", () => {
    const own = sets.filter((set) => set.name.startsWith("own"));
    const asked = own.flatMap((set) => set.questions.map((question) => question.q));
    expect(new Set(asked).size).toBe(asked.length);
  });

  it("are refused when an answer is not one of the paper's sentences", async () => {
    const [dev] = sets;
    const broken = [{ name: "x", questions: [{ ...dev!.questions[0]!, answers: ["Not said."] }] }];
    await expect(
      checkQuestionSets(broken, resolve(repoRoot, "data/trending-papers.txt")),
    ).rejects.toThrow(/is not one of its sentences/);
  });
});

describe("eval measures", () => {
  const question = { title: "B", answers: ["b2.", "b3."] };

  it("rank the answering paper, and look for a marked sentence first and among its snippets", () => {
    const results = [
      { title: "A", snippets: [{ text: "b2." }] },
      { title: "B", snippets: [{ text: "b1." }, { text: "b3." }] },
    ];
    expect(outcomeOf(question, results)).toEqual({ rank: 2, first: false, shown: true });
    expect(outcomeOf(question, results.slice(0, 1))).toEqual({
      rank: undefined,
      first: false,
      shown: false,
    });
  });

  it("sum outcomes into shares and a mean reciprocal rank (0 for a miss)", () => {
    const figures = figuresOf([
      { rank: 1, first: true, shown: true },
      { rank: 4, first: false, shown: true },
      { rank: 6, first: false, shown: false },
      { rank: undefined, first: false, shown: false },
    ]);
    expect(figures).toEqual({
      questions: 4,
      r1: 0.25,
      r5: 0.5,
      mrr: (1 + 1 / 4 + 1 / 6) / 4,
      first1: 0.25,
      shown3: 0.5,
    });
  });
});
