import { paperText } from "../../src/corpus/paper-text.ts";
import { streamCorpus } from "../../src/corpus/stream-corpus.ts";
import type { Embedder } from "../../src/embed/types.ts";
import type { PaperStore } from "../../src/store/paper-store.ts";
import { exactTopK } from "./exact-knn.ts";
import { recallAtK } from "./recall.ts";

/** The exact nearest papers of some query vectors, by paper id, for recall against any store. */
export interface ExactNeighbours {
  queries: Float32Array[];
  /** Each query's `k` nearest paper ids, best first. */
  ids: string[][];
}

/**
 * Exact top-`k` papers of each query by an exhaustive scan over the paper vectors `embedder`
 * gives every paper of the corpus (as a build with it stores them; duplicates skipped as the
 * build skips them).
 *
 * @example
 * const exact = await exactNeighbours(corpusFile, embedder, queryVectors, 10);
 */
export async function exactNeighbours(
  corpusFile: string,
  embedder: Embedder,
  queries: Float32Array[],
  k: number,
): Promise<ExactNeighbours> {
  const ids: string[] = [];
  const chunks: Float32Array[] = [];
  for await (const { paper } of streamCorpus(corpusFile)) {
    ids.push(paper.id);
    chunks.push(...(await embedder.embed([paperText(paper)])));
  }
  const vectors = new Float32Array(ids.length * embedder.dims);
  chunks.forEach((vector, row) => {
    vectors.set(vector, row * embedder.dims);
  });
  const truth = queries.map((query) =>
    exactTopK(vectors, embedder.dims, query, k).map((row) => ids[row]!),
  );
  return { queries, ids: truth };
}

/**
 * Dense recall@k of a store's `nearest` against the exact neighbours of the same queries.
 *
 * @example
 * const recall = await storeRecallAtK(store, exact, 10);
 */
export async function storeRecallAtK(
  store: PaperStore,
  exact: ExactNeighbours,
  k: number,
): Promise<number> {
  const rowOf = new Map<string, number>();
  const number = (id: string) => {
    if (!rowOf.has(id)) rowOf.set(id, rowOf.size);
    return rowOf.get(id)!;
  };
  const truth = exact.ids.map((ids) => ids.map(number));
  const found: number[][] = [];
  for (const vector of exact.queries) {
    const { keys } = await store.nearest({ vector, limit: k });
    found.push((await store.papers(keys)).map((paper) => number(paper.id)));
  }
  return recallAtK(found, truth, k);
}
