import { beforeAll, describe, expect, it } from "vitest";
import { splitSentences } from "../../src/corpus/split-sentences.ts";
import type {
  Embedder,
  EmbedderStats,
  PaperEmbedding,
  PaperToEmbed,
} from "../../src/embed/types.ts";
import {
  bundledPapers,
  cosine,
  FIXTURE_MODELS,
  loadFixtureEmbedder,
  paperText,
  SPLIT_INSIDE_A_WORD,
  sentenceTexts,
} from "./support/bundled-papers.ts";

const BATCH_SIZE = 32;

const statsSince = (embedder: Embedder, before: EmbedderStats): EmbedderStats => ({
  calls: embedder.stats.calls - before.calls,
  texts: embedder.stats.texts - before.texts,
  truncated: embedder.stats.truncated - before.truncated,
});

const maxAbsDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((max, x, i) => Math.max(max, Math.abs(x - b[i]!)), 0);

describe.each(Object.entries(FIXTURE_MODELS))("embedPapers with the %s fixture", (_, model) => {
  let embedder: Embedder;
  let papers: PaperToEmbed[];
  let pooled: PaperEmbedding[];
  let used: EmbedderStats;
  let alone: Float32Array[];
  beforeAll(async () => {
    embedder = await loadFixtureEmbedder(model, BATCH_SIZE);
    papers = await bundledPapers();
    const before = { ...embedder.stats };
    pooled = await embedder.embedPapers(papers);
    used = statsSince(embedder, before);
    alone = await embedder.embed(papers.map(paperText));
  });

  it("gives every bundled paper the vector embed gives its text", () => {
    pooled.forEach(({ paper }, i) => {
      expect(maxAbsDiff(paper, alone[i]!)).toBeLessThan(1e-5);
      expect(cosine(paper, alone[i]!)).toBeGreaterThan(0.99999);
    });
  });

  it("gives every sentence a unit vector", () => {
    const sentences = pooled.flatMap((paper) => paper.sentences);
    expect(sentences).toHaveLength(papers.reduce((n, paper) => n + paper.sentences.length, 0));
    for (const vector of sentences) {
      expect(vector).toHaveLength(embedder.dims);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    }
  });

  it("makes a model call per batch of rows, about a row per paper, not one per sentence", () => {
    // Full batches, except where a much longer row starts a batch of its own (bounded padding).
    expect(used.calls).toBeGreaterThanOrEqual(Math.ceil(used.texts / BATCH_SIZE));
    expect(used.calls).toBeLessThanOrEqual(2 * Math.ceil(used.texts / BATCH_SIZE));
    // MiniLM's 512-token window holds every bundled paper; the tiny model's 128 needs further rows.
    if (embedder.maxTokens >= 512) expect(used.texts).toBe(papers.length);
    else expect(used.texts).toBeLessThan(4 * papers.length);
  });
});

describe("embedPapers sentences against separately embedded ones (tiny fixture)", () => {
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await loadFixtureEmbedder(FIXTURE_MODELS.tiny, BATCH_SIZE);
  });

  it("agrees with embedding each bundled sentence alone, up to the context it lacks", async () => {
    const papers = await bundledPapers();
    const pooled = (await embedder.embedPapers(papers)).flatMap((paper) => paper.sentences);
    const alone = await embedder.embed(papers.flatMap(sentenceTexts));
    const cosines = pooled.map((vector, i) => cosine(vector, alone[i]!));
    // Measured 0.964 mean, 0.874 min: a sentence alone also averages in [CLS] and [SEP].
    expect(cosines.reduce((a, b) => a + b) / cosines.length).toBeGreaterThan(0.93);
    expect(Math.min(...cosines)).toBeGreaterThan(0.8);
  });

  it("embeds the sentences past the window in a further pass over the remainder", async () => {
    const bundled = await bundledPapers();
    const abstract = bundled
      .slice(0, 4)
      .map((paper) => paper.abstract)
      .join(" ");
    const paper: PaperToEmbed = {
      title: "Four abstracts in one",
      abstract,
      sentences: splitSentences(abstract).map((s) => [s.start, s.end] as const),
    };
    const texts = sentenceTexts(paper);
    // The first 10 sentences alone fill the window: the others lie wholly past it.
    expect(embedder.countTokens([texts.slice(0, 10).join(" ")])[0]).toBe(embedder.maxTokens);

    const before = { ...embedder.stats };
    const [pooled] = await embedder.embedPapers([paper]);
    const used = statsSince(embedder, before);
    const beforeAlone = { ...embedder.stats };
    const [whole, ...alone] = await embedder.embed([paperText(paper), ...texts]);

    expect(used.calls).toBe(1);
    expect(used.texts).toBeGreaterThan(5);
    // Truncation is counted as embed counts it: the paper text, and any sentence too long alone.
    expect(used.truncated).toBe(statsSince(embedder, beforeAlone).truncated);
    expect(cosine(pooled!.paper, whole!)).toBeGreaterThan(0.99999);
    const past = pooled!.sentences.slice(10).map((vector, i) => cosine(vector, alone[10 + i]!));
    expect(past).toHaveLength(texts.length - 10);
    expect(past.reduce((a, b) => a + b) / past.length).toBeGreaterThan(0.93);
    expect(Math.min(...past)).toBeGreaterThan(0.85);
  });

  it("falls back to sentences embedded alone when their ids cannot be pieced together", async () => {
    const paper = SPLIT_INSIDE_A_WORD;
    const [pooled] = await embedder.embedPapers([paper]);
    const [whole, ...alone] = await embedder.embed([paperText(paper), ...sentenceTexts(paper)]);
    expect(maxAbsDiff(pooled!.paper, whole!)).toBeLessThan(1e-5);
    pooled!.sentences.forEach((vector, i) => {
      expect(maxAbsDiff(vector, alone[i]!)).toBeLessThan(1e-5);
    });
  });

  it("refuses bad offsets before any model call", async () => {
    const before = { ...embedder.stats };
    const good = { title: "graph", abstract: "networks for graphs", sentences: [[0, 8]] as const };
    const bad = { title: "Broken", abstract: "networks", sentences: [[0, 80]] as const };
    await expect(embedder.embedPapers([good, bad])).rejects.toThrow(RangeError);
    expect(embedder.stats).toEqual(before);
  });
});
