import { describe, expect, it } from "vitest";
import { modelBatchesOfIndexing } from "../../scripts/bench/embed-groups.ts";
import { readCorpus } from "../../src/corpus/index.ts";
import { paperText } from "../../src/corpus/paper-text.ts";
import { tempDir } from "../support/tiny-index.ts";

describe("modelBatchesOfIndexing", () => {
  it("gives every distinct paper text paperchat index embeds exactly once, at most 32 per batch", async () => {
    const corpus = "data/trending-papers.txt";
    const options = {
      dims: 8,
      maxTokens: 512,
      batchSize: 32,
      workDir: tempDir("paperchat-bench-"),
    };
    const batches = await modelBatchesOfIndexing([corpus], options);
    // A second recording in the same folder (another model's) records the same calls.
    expect(await modelBatchesOfIndexing([corpus], options)).toEqual(batches);
    const { papers } = await readCorpus([corpus]);
    const expected = new Set(papers.map(paperText));
    const texts = batches.flat();
    expect(texts.length).toBe(expected.size);
    expect(new Set(texts)).toEqual(expected);
    expect(batches.every((batch) => batch.length >= 1 && batch.length <= 32)).toBe(true);
  });
});
