import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../../src/indexing/build-index.ts";
import { createRecommender, type RecommendSource } from "../../src/recommend/recommender.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import type { PaperStore, StoredPaper } from "../../src/store/paper-store.ts";
import { sharedTinyIndex } from "../server/support/shared-tiny-index.ts";
import { writeArxivCorpus } from "../support/arxiv-corpus.ts";
import { BUNDLED_CORPUS, papersOf, tempDir } from "../support/tiny-index.ts";

/** What a recommendation asked of the index: graph queries, and vectors read by each list read. */
interface Reads {
  nearest: number;
  vectorReads: number[];
}

/** The store, counting the graph queries and vector reads asked of it. */
function counted(store: RecommendSource): { store: RecommendSource; reads: Reads } {
  const reads: Reads = { nearest: 0, vectorReads: [] };
  return {
    reads,
    store: {
      ...store,
      info: store.info,
      nearest: (query) => {
        reads.nearest++;
        return store.nearest(query);
      },
      paperVectors: (keys) => {
        reads.vectorReads.push(keys.length);
        return store.paperVectors(keys);
      },
    },
  };
}

/** Checks what holds of every recommendation, whatever the ranking. */
function expectWellFormed(
  results: Awaited<ReturnType<ReturnType<typeof createRecommender>["recommend"]>>["results"],
  ids: readonly string[],
  abstracts: ReadonlyMap<string, string>,
) {
  for (const result of results) {
    expect(ids).not.toContain(result.id);
    expect(result.near.length).toBeGreaterThan(0);
    for (const near of result.near) expect(ids).toContain(near);
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(1);
    expect(result.snippets.length).toBeGreaterThan(0);
    for (const snippet of result.snippets) {
      expect(abstracts.get(result.id)!.slice(snippet.start, snippet.end)).toBe(snippet.text);
    }
  }
  const scores = results.map((result) => result.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
}

let store: PaperStore;
let papers: StoredPaper[];
let abstracts: Map<string, string>;

beforeAll(async () => {
  store = await openEmbeddedStore((await sharedTinyIndex()).indexDir);
  papers = await papersOf(store);
  abstracts = new Map(papers.map((paper) => [paper.id, paper.abstract]));
});

describe("recommendations from vectors", () => {
  it("ranks by nearness for one or two papers, never returning them", async () => {
    const recommender = createRecommender({ store });
    for (const count of [1, 2]) {
      const ids = papers.slice(0, count).map((paper) => paper.id);
      const { ranking, results } = await recommender.recommend({ ids, k: 10 });
      expect(ranking).toBe("nearness");
      expect(results).toHaveLength(10);
      expectWellFormed(results, ids, abstracts);
    }
  });

  it("ranks by a classifier from three papers on, with a bounded number of graph queries and reads", async () => {
    const { store: countedStore, reads } = counted(store);
    const recommender = createRecommender({ store: countedStore, perSeed: 20, maxSeeds: 4 });
    const ids = papers.slice(10, 15).map((paper) => paper.id);
    const first = await recommender.recommend({ ids, k: 8 });
    expect(first.ranking).toBe("classifier");
    expect(first.results).toHaveLength(8);
    expectWellFormed(first.results, ids, abstracts);
    // The 4 most recently added papers' neighbours; their vectors, the candidates', and the
    // sampled negatives' (read once, kept for later requests).
    expect(reads.nearest).toBe(4);
    expect(reads.vectorReads).toHaveLength(3);
    expect(reads.vectorReads[0]).toBe(5);
    expect(reads.vectorReads[1]).toBeLessThanOrEqual(4 * 20);
    reads.nearest = 0;
    reads.vectorReads = [];
    const again = await recommender.recommend({ ids, k: 8 });
    expect(again).toEqual(first);
    expect(reads).toEqual({ nearest: 4, vectorReads: [5, expect.any(Number)] });
  });

  it("answers nothing for an empty collection, or one whose papers all left the index", async () => {
    const recommender = createRecommender({ store });
    expect(await recommender.recommend({ ids: [], k: 5 })).toEqual({
      ranking: "nearness",
      results: [],
    });
    expect((await recommender.recommend({ ids: ["gone-1", "gone-2"], k: 5 })).results).toEqual([]);
  });

  it("keeps to the filters", async () => {
    const { file, papers: written } = await writeArxivCorpus(tempDir());
    const arxiv = await openEmbeddedStore((await sharedTinyIndex([file])).indexDir);
    const recommender = createRecommender({ store: arxiv });
    const ids = written.slice(0, 3).map((paper) => paper.id);
    const filter = { yearFrom: 2018, yearTo: 2019, categories: ["cs.LG", "cs.IR"] };
    const { results } = await recommender.recommend({ ids, k: 10, filter });
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(result.year).toBeGreaterThanOrEqual(2018);
      expect(result.year).toBeLessThanOrEqual(2019);
      expect(result.categories!.some((c) => filter.categories.includes(c))).toBe(true);
      expect(ids).not.toContain(result.id);
    }
  });
});

describe("recommendations from words (an index without vectors)", () => {
  it("ranks by BM25 on the collection's terms, with near papers and snippets", async () => {
    const indexDir = tempDir();
    await buildIndex({ corpusFiles: [BUNDLED_CORPUS], indexDir });
    const lexical = await openEmbeddedStore(indexDir);
    const recommender = createRecommender({ store: lexical });
    const lightgcn = papers.find((paper) => paper.title.startsWith("LightGCN"))!;
    const ultragcn = papers.find((paper) => paper.title.startsWith("UltraGCN"))!;
    const ids = [lightgcn.id, ultragcn.id];
    const { ranking, results } = await recommender.recommend({ ids, k: 5 });
    expect(ranking).toBe("lexical");
    expect(results).toHaveLength(5);
    expectWellFormed(results, ids, abstracts);
    expect(results.map((result) => result.title)).toContainEqual(
      expect.stringMatching(/GCN|Graph/),
    );
    lexical.close();
  });
});
