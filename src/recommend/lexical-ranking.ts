import { tokenize } from "../contract/tokenize.ts";
import type { PaperFilter } from "../store/paper-filter.ts";
import { collectionTerms } from "./collection-terms.ts";
import type { PaperSentences, RankedIds, RecommendSource } from "./recommend-source.ts";

/**
 * Papers ranked by BM25 on the collection's terms (see `collectionTerms`), never one of
 * `exclude`, scores divided by the best one's (so in (0, 1]); for an index without vectors.
 *
 * @example
 * await lexicalRanking(source, ownPapers, { k: 10, exclude: new Set(ids) });
 */
export async function lexicalRanking(
  source: RecommendSource,
  own: readonly PaperSentences[],
  options: { k: number; exclude: ReadonlySet<string>; filter?: PaperFilter },
): Promise<RankedIds> {
  const { k, exclude, filter } = options;
  const terms = collectionTerms(own.map(({ paper }) => paper));
  const ranked = await source.bm25(terms, k + exclude.size, filter);
  const ids: string[] = [];
  const scores: number[] = [];
  const best = ranked.scores[0] ?? 0;
  ranked.ids.forEach((id, i) => {
    if (ids.length >= k || exclude.has(id)) return;
    ids.push(id);
    scores.push(best > 0 ? ranked.scores[i]! / best : 0);
  });
  return { ids, scores };
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
