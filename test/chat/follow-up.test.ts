import { describe, expect, it } from "vitest";
import { followUpChain, isFollowUp, retrievalQuery } from "../../src/chat/follow-up.ts";

describe("isFollowUp", () => {
  it.each([
    "which of those is fastest?",
    "fastest?",
    "and for images?",
    "what about video models?",
    "Which one needs the least memory?",
    "tell me more about the second paper",
    "do they report results on COCO?",
  ])("treats %j as a follow-up", (question) => {
    expect(isFollowUp(question)).toBe(true);
  });

  it.each([
    "papers about sparse bayesian neural networks",
    "Which paper proposes a reverse feature pyramid for object detection?",
    "replacing the feature pyramid in RetinaNet with a reverse pyramid and shifting features across scales, does it help small objects?",
  ])("treats %j as a new question", (question) => {
    expect(isFollowUp(question)).toBe(false);
  });
});

describe("followUpChain and retrievalQuery", () => {
  const detection = "object detection with feature pyramids";

  it("uses a new question alone", () => {
    expect(retrievalQuery(["graph networks", "sparse bayesian neural networks"])).toBe(
      "sparse bayesian neural networks",
    );
  });

  it("folds the previous user turn into a follow-up", () => {
    expect(retrievalQuery([detection, "which of those is fastest?"])).toBe(
      `${detection} which of those is fastest?`,
    );
  });

  it("follows a chain of follow-ups back to the question they refer to", () => {
    expect(followUpChain(["graph networks", detection, "which are fast?", "and small?"])).toEqual([
      detection,
      "which are fast?",
      "and small?",
    ]);
  });

  it("reaches back at most maxTurns turns", () => {
    expect(followUpChain([detection, "which are fast?", "and small?"], { maxTurns: 2 })).toEqual([
      "which are fast?",
      "and small?",
    ]);
  });

  it("drops the oldest turns to stay within maxChars", () => {
    const long = `${"word ".repeat(100)}pyramids`;
    expect(followUpChain([long, "which of those is fastest?"], { maxChars: 100 })).toEqual([
      "which of those is fastest?",
    ]);
  });

  it("answers a first question alone even when it is short", () => {
    expect(retrievalQuery(["GANs?"])).toBe("GANs?");
  });
});
