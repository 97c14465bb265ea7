import { describe, expect, it } from "vitest";
import { sentenceRolesOf } from "../../src/indexing/sentence-roles-of.ts";
import { SENTENCE_ROLE } from "../../src/store/sentence-roles.ts";

const { first, contribution, context, boilerplate } = SENTENCE_ROLE;

describe("sentenceRolesOf", () => {
  it("marks the first sentence, the contribution, the context before it and boilerplate", () => {
    const roles = sentenceRolesOf([
      "Graph convolution has become the state of the art for recommendation.",
      "Nevertheless, why it works is not well understood.",
      "We propose LightGCN, which keeps only neighbourhood aggregation.",
      "It trains faster.",
      "In this paper we also introduce a benchmark.",
      "Code is available at https://github.com/example/lightgcn.",
    ]);
    expect(Array.from(roles)).toEqual([
      first | context,
      context,
      contribution,
      0,
      contribution,
      boilerplate,
    ]);
  });

  it.each([
    "In this work, we present BossNAS, an unsupervised NAS method.",
    "This paper introduces a generalized fine-tuning framework.",
    "Hence, we propose ExSSNeT, that performs exclusive training.",
    "We developed a system based on collaborative metric learning.",
    "This work, Dynamic Subspace Learners, proposes to exploit multiple learners.",
    "Our method, called MIP, stabilizes training.",
    "In this work, we identify a previously unidentified problem.",
    "Here, we overcome these shortcomings with data augmentation.",
    "In order to address these problems, a novel network (CATNet) is proposed.",
  ])("reads %j as stating the contribution", (sentence) => {
    expect(sentenceRolesOf(["Opening.", sentence])[1]).toBe(contribution);
  });

  it.each([
    "Existing methods propose many designs.",
    "Deep networks are widely used for classification.",
    "Experiments show large gains; we report them all.",
    "Many methods have been proposed in this area.",
    "Later in this work, we show more.",
  ])("does not read %j as a contribution", (sentence) => {
    expect(sentenceRolesOf(["Opening.", sentence])[1]).toBe(0);
  });

  it.each([
    "The code is available at github.",
    "Codes will be made available.",
    "Code: https://github.com/changlin31/BossNAS",
  ])("reads %j as boilerplate", (sentence) => {
    expect(sentenceRolesOf(["We propose X.", sentence])[1]).toBe(boilerplate);
  });

  it("marks no context when no sentence states a contribution", () => {
    expect(Array.from(sentenceRolesOf(["A study.", "Results follow."]))).toEqual([first, 0]);
    expect(Array.from(sentenceRolesOf([]))).toEqual([]);
  });
});
