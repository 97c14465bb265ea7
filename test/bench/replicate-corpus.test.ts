import { describe, expect, it } from "vitest";
import { markSentences, replicatedJsonl } from "../../scripts/bench/replicate-corpus.ts";
import { readCorpus, splitSentences } from "../../src/corpus/index.ts";

describe("replicatedJsonl", () => {
  it("keeps the first copy as it is and makes every later title and sentence distinct", () => {
    const jsonl = replicatedJsonl([{ id: "x", title: "T", abstract: "We test. It works." }], 3);
    expect(
      jsonl
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { title: "T", abstract: "We test. It works." },
      { title: "T (copy 2)", abstract: "Copy2 We test. Copy2 It works." },
      { title: "T (copy 3)", abstract: "Copy3 We test. Copy3 It works." },
    ]);
  });

  it("keeps the sentence count of every bundled abstract", async () => {
    const { papers } = await readCorpus(["data/trending-papers.txt"]);
    for (const paper of papers) {
      const marked = splitSentences(markSentences(paper.abstract, "Copy2"));
      expect(marked.length).toBe(splitSentences(paper.abstract).length);
      expect(marked.every((sentence) => sentence.text.startsWith("Copy2 "))).toBe(true);
    }
  });
});
