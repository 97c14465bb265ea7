import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PaperFilter } from "../../../src/contract/paper-filter.ts";
import { tokenize } from "../../../src/contract/tokenize.ts";
import type { Paper } from "../../../src/corpus/types.ts";
import { dotProduct } from "../../../src/store/dot-product.ts";
import type { PaperKey, PaperStore } from "../../../src/store/paper-store.ts";
import { openSearchUrl } from "../../support/opensearch-url.ts";
import { type BothStores, buildBothStores, type NamedStore } from "./support/both-stores.ts";

/** The dev questions (what the lexical overlap and recall are measured on). */
const DEV_QUESTIONS: string[] = readFileSync(
  resolve(import.meta.dirname, "../../fixtures/dev-queries.jsonl"),
  "utf8",
)
  .trim()
  .split("\n")
  .map((line) => (JSON.parse(line) as { q: string }).q);

/** Filters over the corpus's years (1995–2024) and categories: wide, narrow, and passing nothing. */
const FILTERS: PaperFilter[] = [
  { yearFrom: 2017, yearTo: 2019 },
  { yearFrom: 2021 },
  { yearTo: 2015 },
  { yearFrom: 2018, yearTo: 2018 },
  { categories: ["cs.IR"] },
  { categories: ["cs.CV", "stat.ML"] },
  { yearFrom: 2016, yearTo: 2020, categories: ["cs.CL"] },
  { yearFrom: 2003, yearTo: 2003, categories: ["q-bio.NC"] },
  { yearTo: 1995 },
  { yearFrom: 2030 },
  { categories: ["no.SUCH"] },
];

const passes = (paper: Paper, filter: PaperFilter) =>
  (filter.yearFrom === undefined || (paper.year !== undefined && paper.year >= filter.yearFrom)) &&
  (filter.yearTo === undefined || (paper.year !== undefined && paper.year <= filter.yearTo)) &&
  (!filter.categories?.length ||
    (paper.categories ?? []).some((category) => filter.categories!.includes(category)));

/** Ids of a store's keys, in order. */
const idsOf = async (store: PaperStore, keys: readonly PaperKey[]) =>
  (await store.papers(keys)).map((paper) => paper.id);

/** Every paper of a store with its key, in corpus order, read page by page. */
async function everyPaper(store: PaperStore) {
  const listed: { id: string; title: string }[] = [];
  for (let offset = 0; offset < store.info.count; offset += 17) {
    listed.push(...(await store.list(offset, 17)));
  }
  return { listed, keyed: await store.papersById(listed.map((paper) => paper.id)) };
}

/** The exact top `k` of `vectors` by cosine to `query` (all unit vectors), ids best first. */
function exactTop(
  query: Float32Array,
  vectors: Map<string, Float32Array>,
  k: number,
  among?: Set<string>,
) {
  return [...vectors]
    .filter(([id]) => !among || among.has(id))
    .map(([id, vector]) => ({ id, score: dotProduct(query, vector) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map(({ id }) => id);
}

const overlap = (a: readonly string[], b: readonly string[]) =>
  a.filter((id) => b.includes(id)).length / Math.max(1, Math.min(a.length, b.length));

const url = openSearchUrl("the store conformance suite (embedded and OpenSearch stores)");

describe.runIf(url)("store conformance: the embedded store and the OpenSearch store", () => {
  let both: BothStores;
  let embedded: PaperStore;
  let opensearch: PaperStore;
  let questionVectors: Float32Array[];

  beforeAll(async () => {
    both = await buildBothStores(url!);
    [embedded, opensearch] = both.stores.map(({ store }) => store) as [PaperStore, PaperStore];
    questionVectors = await both.embedder.embed(DEV_QUESTIONS);
  }, 300_000);

  afterAll(async () => {
    await both?.remove();
  });

  describe("hold the same index", () => {
    it("the same papers, in corpus order, page by page and by id, as the corpus has them", async () => {
      const [a, b] = [await everyPaper(embedded), await everyPaper(opensearch)];
      expect(embedded.info.count).toBe(both.corpus.length);
      expect(opensearch.info.count).toBe(both.corpus.length);
      expect(a.listed).toEqual(both.corpus.map(({ id, title }) => ({ id, title })));
      expect(b.listed).toEqual(a.listed);
      expect(b.keyed.map(({ paper }) => paper)).toEqual(a.keyed.map(({ paper }) => paper));
      a.keyed.forEach(({ paper: { sentences, ...paper } }, i) => {
        expect(paper).toEqual(both.corpus[i]);
        expect(sentences.length).toBeGreaterThan(0);
      });
      // By key, in the order asked, unknown ones left out.
      for (const [store, { keyed }] of [
        [embedded, a],
        [opensearch, b],
      ] as const) {
        const keys = keyed.map(({ key }) => key).toReversed();
        expect(await idsOf(store, keys)).toEqual(keyed.map(({ paper }) => paper.id).toReversed());
        expect(await store.papersById(["no-such-paper", keyed[2]!.paper.id])).toHaveLength(1);
      }
    });

    it("the same sentence data (terms, roles, vectors) and paper vectors for every paper", async () => {
      const [a, b] = [await everyPaper(embedded), await everyPaper(opensearch)];
      const keysA = a.keyed.map(({ key }) => key);
      const keysB = b.keyed.map(({ key }) => key);
      const [sentencesA, sentencesB] = [
        await embedded.papersWithSentences(keysA),
        await opensearch.papersWithSentences(keysB),
      ];
      expect(sentencesB.map(({ paper }) => paper.id)).toEqual(
        sentencesA.map(({ paper }) => paper.id),
      );
      sentencesA.forEach(({ paper, sentences }, i) => {
        const other = sentencesB[i]!.sentences;
        expect(sentences.vectors, `${paper.id} has sentence vectors`).toBeDefined();
        expect(Array.from(other.terms), paper.id).toEqual(Array.from(sentences.terms));
        expect(Array.from(other.roles ?? []), paper.id).toEqual(Array.from(sentences.roles ?? []));
        expect(Array.from(other.vectors ?? []), paper.id).toEqual(Array.from(sentences.vectors!));
      });
      const [vectorsA, vectorsB] = [
        await embedded.paperVectors(keysA),
        await opensearch.paperVectors(keysB),
      ];
      vectorsA.forEach((vector, i) => {
        expect(vector).toBeDefined();
        expect(Array.from(vectorsB[i]!)).toEqual(Array.from(vector!));
      });
    });

    it("the same facts and facets", async () => {
      const { location: _a, builtAt: _b, ...infoA } = embedded.info;
      const { location: _c, builtAt: _d, ...infoB } = opensearch.info;
      expect(infoB).toEqual(infoA);
      expect(await opensearch.facets()).toEqual(await embedded.facets());
    });
  });

  describe.each(["embedded", "opensearch"] as const)("the %s store", (name) => {
    let named: NamedStore;
    let store: PaperStore;
    beforeAll(() => {
      named = both.stores.find((candidate) => candidate.name === name)!;
      store = named.store;
    });

    it("filters exactly: nearest and lexical return exactly the papers an exact scan passes", async () => {
      const terms = tokenize("graph neural network learning");
      for (const filter of FILTERS) {
        const passing = both.corpus.filter((paper) => passes(paper, filter));
        const what = `${named.name} ${JSON.stringify(filter)}`;
        const near = await store.nearest({
          vector: questionVectors[0]!,
          limit: both.corpus.length,
          filter,
        });
        expect((await idsOf(store, near.keys)).sort(), what).toEqual(
          passing.map((p) => p.id).sort(),
        );
        const { bm25 } = await store.lexical(terms, both.corpus.length, filter);
        const holding = passing.filter((paper) =>
          [...tokenize(paper.title), ...tokenize(paper.abstract)].some((t) => terms.includes(t)),
        );
        expect((await idsOf(store, bm25.keys)).sort(), what).toEqual(
          holding.map((p) => p.id).sort(),
        );
        const known = await store.passing(filter, both.corpus.length);
        if (known)
          expect((await idsOf(store, known)).sort(), what).toEqual(passing.map((p) => p.id).sort());
      }
    });

    it("leaves unknown keys out of papers and sentence data, and has no vector for them", async () => {
      const { key } = (await store.papersById([both.corpus[7]!.id]))[0]!;
      // A key of the store's own kind that names no paper: a row past the end, or an id.
      const unknown = typeof key === "number" ? store.info.count + 5 : "no-such-paper";
      expect((await store.papers([unknown, key])).map((paper) => paper.id)).toEqual([
        both.corpus[7]!.id,
      ]);
      const withSentences = await store.papersWithSentences([key, unknown]);
      expect(withSentences.map(({ paper }) => paper.id)).toEqual([both.corpus[7]!.id]);
      const [missing, found] = await store.paperVectors([unknown, key]);
      expect(missing).toBeUndefined();
      expect(found).toHaveLength(both.embedder.dims);
    });

    it("never returns the excluded paper among a paper's neighbours", async () => {
      const { key, paper } = (await store.papersById([both.corpus[5]!.id]))[0]!;
      const [vector] = await store.paperVectors([key]);
      const near = await store.nearest({ vector: vector!, limit: 10, exclude: key });
      expect(near.keys).toHaveLength(10);
      expect(await idsOf(store, near.keys)).not.toContain(paper.id);
    });

    it("finds ≥ 0.95 of the exact top 10 by cosine on its own vectors, filtered or not, with the exact scores", async () => {
      const { keyed } = await everyPaper(store);
      const vectors = await store.paperVectors(keyed.map(({ key }) => key));
      const byId = new Map(keyed.map(({ paper }, i) => [paper.id, vectors[i]!]));
      const papers = await store.papers(keyed.map(({ key }) => key));
      const recalls: number[] = [];
      for (const filter of [
        undefined,
        { categories: ["cs.LG", "cs.IR"] },
        { yearFrom: 2019 },
        { yearFrom: 2010, yearTo: 2011, categories: ["eess.SP"] },
      ]) {
        const among = filter && new Set(papers.filter((p) => passes(p, filter)).map((p) => p.id));
        for (const query of questionVectors) {
          const found = await store.nearest({ vector: query, limit: 10, filter });
          const ids = await idsOf(store, found.keys);
          const exact = exactTop(query, byId, 10, among);
          recalls.push(overlap(ids, exact));
          ids.forEach((id, i) => {
            expect(found.scores[i]!).toBeCloseTo(dotProduct(query, byId.get(id)!), 3);
          });
        }
      }
      const recall = recalls.reduce((sum, r) => sum + r, 0) / recalls.length;
      console.log(
        `${named.name}: dense recall@10 ${recall.toFixed(3)} over ${recalls.length} questions`,
      );
      expect(recall).toBeGreaterThanOrEqual(0.95);
    });
  });

  it("ranks the dev questions by BM25 with a top 10 that overlaps the embedded store's by ≥ 0.7", async () => {
    const overlaps: number[] = [];
    for (const question of DEV_QUESTIONS) {
      const terms = tokenize(question);
      const [a, b] = [await embedded.lexical(terms, 10), await opensearch.lexical(terms, 10)];
      const [idsA, idsB] = [
        await idsOf(embedded, a.bm25.keys),
        await idsOf(opensearch, b.bm25.keys),
      ];
      expect(idsA.length, question).toBeGreaterThan(0);
      overlaps.push(overlap(idsA, idsB));
      // The rare-title ranking and the term statistics come from the same index facts.
      expect(await idsOf(opensearch, b.rareTitles.keys), question).toEqual(
        await idsOf(embedded, a.rareTitles.keys),
      );
      expect(sortedFrequencies(b.termStatistics.frequencies)).toEqual(
        sortedFrequencies(a.termStatistics.frequencies),
      );
      expect(b.termStatistics.docCount).toBe(a.termStatistics.docCount);
    }
    const mean = overlaps.reduce((sum, o) => sum + o, 0) / overlaps.length;
    console.log(
      `lexical top-10 overlap, OpenSearch against embedded BM25: mean ${mean.toFixed(3)}, min ${Math.min(...overlaps).toFixed(1)}`,
    );
    expect(mean).toBeGreaterThanOrEqual(0.7);
  });

  it("draws the same number of distinct papers for a seed, and the same ones again", async () => {
    for (const { store } of both.stores) {
      const drawn = await store.sample(12, 7);
      expect(new Set(drawn).size).toBe(12);
      expect(await store.sample(12, 7)).toEqual(drawn);
    }
  });
});

const sortedFrequencies = (frequencies: readonly { term: string; docs: number }[]) =>
  [...frequencies].sort((a, b) => (a.term < b.term ? -1 : 1));
