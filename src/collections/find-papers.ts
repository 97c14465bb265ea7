import type { Paper } from "../corpus/types.ts";
import { type PaperSource, papersOf } from "./paper-source.ts";

/** The papers of a list of ids that the index holds, and the ids it does not. */
export interface FoundPapers {
  /** Distinct, in the order asked. */
  papers: Paper[];
  /** Distinct, in the order asked. */
  unknown: string[];
}

/**
 * Looks up papers by id in one read (duplicates asked once), telling the ids the index holds
 * from those it does not.
 *
 * @example
 * const { papers, unknown } = await findPapers(source, ["math/0501001", "nope"]);
 */
export async function findPapers(
  source: PaperSource,
  ids: readonly string[],
): Promise<FoundPapers> {
  const distinct = [...new Set(ids)];
  const papers = await papersOf(source, distinct);
  if (papers.length === distinct.length) return { papers, unknown: [] };
  const known = new Set(papers.map((paper) => paper.id));
  return { papers, unknown: distinct.filter((id) => !known.has(id)) };
}

/**
 * Names unknown ids in a sentence: the first three, then how many more.
 *
 * @example
 * listIds(["a", "b", "c", "d"]); // '"a", "b", "c" and 1 more'
 */
export function listIds(ids: readonly string[]): string {
  const named = ids
    .slice(0, 3)
    .map((id) => `"${id}"`)
    .join(", ");
  return ids.length > 3 ? `${named} and ${ids.length - 3} more` : named;
}
