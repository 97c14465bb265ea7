import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTrendingPage, splitSentences } from "../../src/corpus/index.ts";

const texts = (abstract: string) => splitSentences(abstract).map((s) => s.text);

describe("splitSentences", () => {
  it.each([
    ["e.g. before lowercase", "Models, e.g. transformers, work. They scale."],
    ["e.g. before a name", "We use backbones (e.g. ResNet and ViT) here. They scale."],
    ["e.g., with a comma", "Some tasks, e.g., detection, are hard. They scale."],
    ["i.e. before lowercase", "The ratio, i.e. the gain, is high. They scale."],
    ["i.e. with a tilde", "Linear subspaces (i.e.~points in a Grassmannian) work. They scale."],
    ["et al. before lowercase", "Smith et al. show that it works. They scale."],
    ["et al. before a year", "As in Smith et al. (2020) it works. They scale."],
    ["etc. before lowercase", "Cats, dogs, etc. are animals. They scale."],
    ["Fig. before a number", "As shown in Fig. 1 it works. They scale."],
    ["Eq. before a number", "We minimise Eq. 3 directly. They scale."],
    ["vs. before a capital", "We compare CNN vs. Transformer models. They scale."],
    ["approx. before a number", "It takes approx. 3 hours to train. They scale."],
    ["an initial", "The method of J. Smith works. They scale."],
    ["two initials", "As J. R. R. Tolkien wrote, it works. They scale."],
    ["a decimal", "RetinaNet reaches 40.2 AP on COCO. They scale."],
    ["a percentage with a tilde", "It saves ~50% of compute. They scale."],
    ["a version number", "We release v1.5 of the code. They scale."],
    ["a URL", "Code is at https://github.com/a/b.c now. They scale."],
    ["an e-mail address", "Write to first.last@example.org for access. They scale."],
    ["a dotted acronym", "Tested in the U.S. Army labs today. They scale."],
    ["No. before a number", "See item No. 5 in the list. They scale."],
  ])("does not split inside %s", (_, abstract) => {
    expect(texts(abstract)).toHaveLength(2);
  });

  it.each([
    ["a capital", "It works. We show it.", ["It works.", "We show it."]],
    ["a digit", "It works in 2020. 3D models too.", ["It works in 2020.", "3D models too."]],
    ["a question mark", "Does it work? We show it.", ["Does it work?", "We show it."]],
    ["an exclamation mark", "It works! We show it.", ["It works!", "We show it."]],
    [
      "etc. before a capital",
      "Cats, dogs, etc. Hypernets too.",
      ["Cats, dogs, etc.", "Hypernets too."],
    ],
    [
      "a number before a capital",
      "See Table 2. It shows this.",
      ["See Table 2.", "It shows this."],
    ],
    [
      "a closing parenthesis",
      "It works (mostly.) We show it.",
      ["It works (mostly.)", "We show it."],
    ],
    ["a closing quote", 'He said "it works." We agree.', ['He said "it works."', "We agree."]],
    ["an opening quote", 'It works. "Why?" we ask.', ["It works.", '"Why?"', "we ask."]],
    ["an opening parenthesis", "It works. (We show it.)", ["It works.", "(We show it.)"]],
    [
      "a mixed-case word",
      "It works. mAP rises by 2.1 points.",
      ["It works.", "mAP rises by 2.1 points."],
    ],
    ["a URL at the end", "See https://x.org/a. We agree.", ["See https://x.org/a.", "We agree."]],
    [
      "a full stop after a parenthesis",
      "It works (see etc.). We agree.",
      ["It works (see etc.).", "We agree."],
    ],
    ["an ellipsis", "It goes on... Then it ends.", ["It goes on...", "Then it ends."]],
    ["a blank line", "Title line\n\nFirst sentence.", ["Title line", "First sentence."]],
  ])("splits after %s", (_, abstract, expected) => {
    expect(texts(abstract)).toEqual(expected);
  });

  it("does not split where no whitespace follows", () => {
    expect(texts("It ends with distribution.The loss is low.")).toEqual([
      "It ends with distribution.The loss is low.",
    ]);
  });

  it("keeps text without a final full stop as the last sentence", () => {
    expect(texts("It works. Code: github.com/a/b")).toEqual(["It works.", "Code: github.com/a/b"]);
  });

  it("returns nothing for empty or blank text", () => {
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences(" \n\t ")).toEqual([]);
  });

  it("gives offsets into the original text, trimmed", () => {
    const abstract = "  First one.   Second one?\n\n Third (one!)  ";
    expect(splitSentences(abstract)).toEqual([
      { text: "First one.", start: 2, end: 12 },
      { text: "Second one?", start: 15, end: 26 },
      { text: "Third (one!)", start: 29, end: 41 },
    ]);
  });

  it("keeps the offset invariant on every sentence of the bundled abstracts", () => {
    const file = "data/trending-papers.txt";
    const papers = parseTrendingPage(readFileSync(file, "utf8"), file).map((l) => l.paper);
    let count = 0;
    for (const { abstract } of papers) {
      const sentences = splitSentences(abstract);
      expect(sentences.length).toBeGreaterThan(1);
      let previousEnd = 0;
      for (const { text, start, end } of sentences) {
        expect(abstract.slice(start, end)).toBe(text);
        expect(text).toBe(text.trim());
        expect(text).not.toBe("");
        expect(start).toBeGreaterThanOrEqual(previousEnd);
        expect(abstract.slice(previousEnd, start).trim()).toBe("");
        previousEnd = end;
        count++;
      }
      expect(abstract.slice(previousEnd).trim()).toBe("");
    }
    expect(count).toBeGreaterThan(600);
  });

  it("splits the first bundled abstract at its real sentence ends", () => {
    const file = "data/trending-papers.txt";
    const first = parseTrendingPage(readFileSync(file, "utf8"), file)[0]?.paper.abstract ?? "";
    const sentences = texts(first);
    expect(sentences).toHaveLength(11);
    expect(sentences).toContain(
      "In particular, RetinaNet is boosted to 40.2 AP, which is 3.7 points higher than baseline, by replacing FPN with our proposed model.",
    );
    expect(sentences.at(-1)).toBe("Codes will be made available.");
  });
});
