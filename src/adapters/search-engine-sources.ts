import type { PaperSource } from "../collections/paper-source.ts";
import type { RecommendSource } from "../recommend/recommend-source.ts";
import type { PaperStore } from "../store/open-store.ts";

/** mulberry32: the same numbers in [0, 1) for the same seed, on every platform. */
function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The collections' port over today's synchronous store.
 *
 * @example
 * const papers = paperSourceOf(engine.store);
 * await papers.papers(["math/0501001"]);
 */
export function paperSourceOf(store: PaperStore): PaperSource {
  return {
    papers: async (ids) => store.papers(ids),
  };
}

/**
 * The recommendations' port over today's synchronous store: graph queries through
 * `nearest` (asking for as many more as there are ids to exclude, which it then drops), and the
 * sample as one page of consecutive papers at a seeded offset. The store lists papers by
 * offset, not by row, and SQLite walks the rows before an offset: a page is one walk, while
 * spreading the sample over the corpus would cost one walk per paper. Corpus order is the
 * source's (arXiv's: by id), not by topic.
 *
 * @example
 * const source = recommendSourceOf(engine.store);
 * await source.nearest(vector, 100, { exclude: new Set(["math/0501001"]) });
 */
export function recommendSourceOf(store: PaperStore): RecommendSource {
  return {
    hasVectors: store.hasVectors,
    async vectors(ids) {
      const found = new Map<string, Float32Array>();
      for (const id of ids) {
        const vector = store.paperVector(id);
        if (vector) found.set(id, vector);
      }
      return found;
    },
    async nearest(vector, limit, { exclude, filter }) {
      const ranking = store.nearest(vector, limit + exclude.size, undefined, filter);
      const ids: string[] = [];
      const scores: number[] = [];
      ranking.ids.forEach((id, i) => {
        if (ids.length < limit && !exclude.has(id)) {
          ids.push(id);
          scores.push(ranking.scores[i]!);
        }
      });
      return { ids, scores };
    },
    async sample(count, seed) {
      const offset = Math.floor(seededUniform(seed)() * Math.max(0, store.count - count + 1));
      return store.list(offset, count).map((paper) => paper.id);
    },
    papersWithSentences: async (ids) => store.papersWithSentences(ids),
    async bm25(terms, limit, filter) {
      return store.lexical(terms, limit, filter).bm25;
    },
  };
}
