import type { PaperFilter } from "../contract/paper-filter.ts";
import { tokenize } from "../contract/tokenize.ts";
import type { PaperKey, PaperStore, PaperWithSentences, Ranking } from "../store/paper-store.ts";
import { collectionTerms } from "./collection-terms.ts";

/**
 * Papers ranked by BM25 on the collection's terms (see {@link collectionTerms}), never one of
 * `exclude`, scores divided by the best one's (so in (0, 1]); for an index without vectors.
 *
 * @example
 * await lexicalRanking(store, ownPapers, { k: 10, exclude: new Set(keys) });
 */
export async function lexicalRanking(
  store: Pick<PaperStore, "lexical">,
  own: readonly PaperWithSentences[],
  options: { k: number; exclude: ReadonlySet<PaperKey>; filter?: PaperFilter },
): Promise<Ranking> {
  const { k, exclude, filter } = options;
  const terms = collectionTerms(own.map(({ paper }) => paper));
  const { bm25: ranked } = await store.lexical(terms, k + exclude.size, filter);
  const keys: PaperKey[] = [];
  const scores: number[] = [];
  const best = ranked.scores[0] ?? 0;
  ranked.keys.forEach((key, i) => {
    if (keys.length >= k || exclude.has(key)) return;
    keys.push(key);
    scores.push(best > 0 ? ranked.scores[i]! / best : 0);
  });
  return { keys, scores };
}

/**
 * How alike two papers' words are: the cosine of their sets of search terms.
 *
 * @example
 * termSimilarity(new Set(["graph", "network"]), new Set(["graph"])); // 0.707…
 */
export function termSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}

/**
 * A paper's search terms (title and abstract) as a set.
 *
 * @example
 * paperTerms({ title: "Graph networks", abstract: "On graphs." }); // Set {"graph", "network"}
 */
export function paperTerms(paper: { title: string; abstract: string }): Set<string> {
  return new Set(tokenize(`${paper.title}\n${paper.abstract}`));
}
