import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeArxivShapedCorpus } from "../../scripts/bench/arxiv-shaped-corpus.ts";
import { readCorpus } from "../../src/corpus/index.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";
import { naturalQuestion } from "../../src/search/natural-question.ts";
import { createSearchEngine, type SearchEngine } from "../../src/search/search-engine.ts";
import { findStarterQuestions } from "../../src/search/starter-questions.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import { BUNDLED_CORPUS, loadTinyEmbedder, tempDir } from "../support/tiny-index.ts";

async function engineOf(corpus: string, embedder?: Embedder): Promise<SearchEngine> {
  const indexDir = tempDir();
  await buildIndex({ corpusFiles: [corpus], indexDir, embedder });
  return createSearchEngine({ store: await openEmbeddedStore(indexDir), embedder });
}

/** Of every `step`th paper's question (those that get one), how many find it in the top 3. */
async function askedAndFound(engine: SearchEngine, corpus: string, step = 1) {
  const { papers } = await readCorpus([corpus]);
  let asked = 0;
  let found = 0;
  for (let i = 0; i < papers.length; i += step) {
    const question = naturalQuestion(papers[i]!.title);
    if (!question) continue;
    asked += 1;
    const results = await engine.searchPapers(question, 3);
    if (results.some((result) => result.title === papers[i]!.title)) found += 1;
  }
  return { asked, found };
}

describe("starting questions", () => {
  let arxivShaped: string;
  beforeAll(async () => {
    arxivShaped = join(tempDir(), "arxiv-shaped.jsonl");
    await writeArxivShapedCorpus({
      papers: 2000,
      file: arxivShaped,
      bundledCorpus: BUNDLED_CORPUS,
    });
  });

  it("find their paper in the top 3 for every bundled paper they ask about, with the fixture model and without one", async () => {
    for (const embedder of [await loadTinyEmbedder(), undefined]) {
      const { asked, found } = await askedAndFound(
        await engineOf(BUNDLED_CORPUS, embedder),
        BUNDLED_CORPUS,
      );
      // 55 of the 70 titles ask well.
      expect(asked).toBeGreaterThanOrEqual(50);
      expect(found).toBe(asked);
    }
  });

  it("find their paper in the top 3 on an arXiv-shaped corpus of 2,000 papers (lexical-only)", async () => {
    const engine = await engineOf(arxivShaped);
    const { asked, found } = await askedAndFound(engine, arxivShaped, 10);
    expect(asked).toBeGreaterThanOrEqual(50);
    expect(found / asked).toBeGreaterThanOrEqual(0.95);
    const starters = await findStarterQuestions(engine);
    expect(starters).toHaveLength(4);
    for (const { question, paperId } of starters) {
      expect(question).toMatch(/\?$/);
      const results = await engine.searchPapers(question, 3);
      expect(results.map((result) => result.id)).toContain(paperId);
    }
  });
});
