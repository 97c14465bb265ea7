import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/contract/tokenize.ts";

describe("tokenize", () => {
  it("lower-cases, folds accents and plurals, drops stopwords, keeps acronyms whole", () => {
    expect(tokenize("The Networks of TabPFN and Gödel’s studies")).toEqual([
      "network",
      "tabpfn",
      "godel",
      "study",
    ]);
  });

  it("drops the lone letters of possessives and contractions, keeps digits", () => {
    expect(tokenize("What's the model's E(3) state? Don't")).toEqual([
      "model",
      "3",
      "state",
      "don",
    ]);
  });

  it("splits hyphenated words and also keeps them joined", () => {
    expect(tokenize("cross-scale shift")).toEqual(["cross", "scale", "crossscale", "shift"]);
  });
});
