import type { Collection } from "../contract/collections.ts";
import type { Paper } from "../corpus/types.ts";
import type { CollectedPaper, StoredCollection } from "./collection-store.ts";
import { type PaperSource, papersOf } from "./paper-source.ts";

/** A collection's paper as the index holds it now, or as it was kept when it has left. */
export type CurrentPaper =
  | { paper: Paper; missing: false }
  | { paper: CollectedPaper; missing: true };

/**
 * A collection's papers in order, each as the index holds it now (one read), or, for a paper
 * that has left the corpus, its id and the title it had when it was added.
 *
 * @example
 * const current = await currentPapers(paperSource, collections.get("Reading")!.papers);
 */
export async function currentPapers(
  source: PaperSource,
  papers: readonly CollectedPaper[],
): Promise<CurrentPaper[]> {
  const found = await papersOf(
    source,
    papers.map((paper) => paper.id),
  );
  const byId = new Map(found.map((paper) => [paper.id, paper]));
  return papers.map((kept): CurrentPaper => {
    const paper = byId.get(kept.id);
    return paper ? { paper, missing: false } : { paper: kept, missing: true };
  });
}

/**
 * A collection as `GET /api/collections/:name` shows it: ids and current titles, `missing`
 * on papers that have left the corpus.
 *
 * @example
 * collectionView(await currentPapers(paperSource, stored.papers), stored); // { name, papers: [...] }
 */
export function collectionView(
  current: readonly CurrentPaper[],
  stored: StoredCollection,
): Collection {
  return {
    name: stored.name,
    papers: current.map(({ paper: { id, title }, missing }) =>
      missing ? { id, title, missing } : { id, title },
    ),
  };
}
