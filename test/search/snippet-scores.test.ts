import { describe, expect, it } from "vitest";
import {
  SCENE_SETTING_SCORE,
  SNIPPET_WEIGHTS,
  snippetScores,
} from "../../src/search/snippet-scores.ts";
import { SENTENCE_ROLE } from "../../src/store/sentence-roles.ts";

const { first, contribution, context, boilerplate } = SENTENCE_ROLE;
const closeTo = (values: ArrayLike<number>, expected: number[]) => {
  expect(values).toHaveLength(expected.length);
  expected.forEach((value, i) => {
    expect(values[i]).toBeCloseTo(value, 12);
  });
};

describe("snippetScores", () => {
  it("mixes the cosine and the question terms' weight half and half, each min-max within the paper", () => {
    const scores = snippetScores({ cosines: [0.1, 0.3, 0.2], termWeights: [0, 0, 4] });
    closeTo(scores, [0, 0.5, 0.75]);
    expect(SNIPPET_WEIGHTS.semantic).toBe(0.5);
  });

  it("ranks by the question terms alone without cosines (lexical-only)", () => {
    closeTo(snippetScores({ termWeights: [1, 3, 2] }), [0, 1, 0.5]);
  });

  it("gives evidence that tells no sentence apart no weight", () => {
    closeTo(snippetScores({ cosines: [0.4, 0.4], termWeights: [0, 0] }), [0, 0]);
    closeTo(snippetScores({ cosines: [0.2, 0.4], termWeights: [2, 2] }), [0, 0.5]);
  });

  it("puts a sentence stating the contribution before the context, whatever their relevance", () => {
    const scores = snippetScores({
      cosines: [0.9, 0.1, 0.5],
      termWeights: [5, 0, 1],
      roles: Uint8Array.of(first | context, contribution, 0),
    });
    // The opening sentence matches best on both counts, and still comes last.
    closeTo(scores, [1 - 1 - 0.2, 0 + 0.5, 0.5 * (0.5 + 0.2)]);
    expect(scores[1]).toBeGreaterThan(scores[2]!);
    expect(scores[2]).toBeGreaterThan(scores[0]!);
  });

  it("gives a contribution nothing when the question asks a detail of a paper it names", () => {
    const evidence = {
      cosines: [0.5, 0.4, 0.3],
      termWeights: [1, 0, 3],
      roles: Uint8Array.of(first | context, contribution, 0),
    };
    closeTo(snippetScores({ ...evidence, asksDetail: true }), [2 / 3 - 1.2, 0.25, 0.5]);
    closeTo(snippetScores(evidence), [2 / 3 - 1.2, 0.75, 0.5]);
  });

  it("lets relevance alone choose between context and contribution when the question asks what is wrong", () => {
    const evidence = {
      cosines: [0.2, 0.6, 0.3, 0.4],
      termWeights: [0, 3, 1, 2],
      roles: Uint8Array.of(first | context, context, contribution, 0),
    };
    // The problem statement (sentence 1) is the most relevant: it comes first, above 0.
    const asked = snippetScores({ ...evidence, asksProblem: true });
    closeTo(asked, [-0.2, 1, 0.125 + 1 / 6, 0.25 + 1 / 3]);
    expect(asked[1]).toBeGreaterThan(SCENE_SETTING_SCORE);
    // Asked otherwise, the contribution comes first and the context scores 0 at most.
    const otherwise = snippetScores(evidence);
    closeTo(otherwise, [-1.2, 0, 0.625 + 1 / 6, 0.25 + 1 / 3]);
  });

  it("takes a little from the first sentence and from boilerplate", () => {
    const scores = snippetScores({
      termWeights: [2, 2, 2, 0],
      cosines: [0.5, 0.5, 0.5, 0.1],
      roles: Uint8Array.of(first, 0, boilerplate, 0),
    });
    closeTo(scores, [0.8, 1, 0.8, 0]);
  });

  it("scores every context sentence at most SCENE_SETTING_SCORE, every contribution above it", () => {
    let state = 7;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    for (let paper = 0; paper < 200; paper++) {
      const n = 1 + Math.floor(random() * 12);
      // As sentenceRolesOf gives them: context only before the first contribution, if any.
      const firstContribution = Math.floor(random() * (n + 1)) - 1;
      const roles = Uint8Array.from(
        { length: n },
        (_, i) =>
          (i === 0 ? first : 0) |
          (i === firstContribution ||
          (firstContribution >= 0 && i > firstContribution && random() < 0.3)
            ? contribution
            : 0) |
          (i < firstContribution ? context : 0) |
          (random() < 0.2 ? boilerplate : 0),
      );
      const scores = snippetScores({
        cosines: Array.from({ length: n }, random),
        termWeights: Array.from({ length: n }, () => (random() < 0.5 ? 0 : 5 * random())),
        roles,
      });
      roles.forEach((role, i) => {
        if (role & context) expect(scores[i]).toBeLessThanOrEqual(SCENE_SETTING_SCORE);
        else if (role & contribution) expect(scores[i]).toBeGreaterThan(SCENE_SETTING_SCORE);
      });
    }
  });
});
