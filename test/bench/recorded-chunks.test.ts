import { describe, expect, it } from "vitest";
import { recordedChunks } from "../../scripts/bench/indexing-bench.ts";
import { readCorpus, splitSentences } from "../../src/corpus/index.ts";
import { tempDir } from "../support/tiny-index.ts";

describe("recordedChunks", () => {
  it("gives every paper paperchat index embeds once, in corpus order, with its sentence offsets", async () => {
    const corpus = "data/trending-papers.txt";
    const workDir = tempDir("paperchat-bench-");
    const chunks = await recordedChunks([corpus], workDir);
    // A second recording in the same folder records the same calls: no cache spares anything.
    expect(await recordedChunks([corpus], workDir)).toEqual(chunks);
    const { papers } = await readCorpus([corpus]);
    expect(chunks.flat()).toEqual(
      papers.map(({ title, abstract }) => ({
        title,
        abstract,
        sentences: splitSentences(abstract).map((s) => [s.start, s.end]),
      })),
    );
  });
});
