import { normalizeTitle } from "./normalize-title.ts";
import type { CorpusReadResult, LocatedPaper } from "./types.ts";

/**
 * Keeps the first of papers that share a normalised title or an id, in order, and reports
 * every later one as a duplicate with its file and line.
 *
 * @example
 * const { papers, duplicates } = skipDuplicates([...fromFileA, ...fromFileB]);
 */
export function skipDuplicates(located: readonly LocatedPaper[]): CorpusReadResult {
  const result: CorpusReadResult = { papers: [], duplicates: [] };
  const titles = new Set<string>();
  const ids = new Set<string>();
  for (const { paper, file, line } of located) {
    const title = normalizeTitle(paper.title);
    if (titles.has(title) || ids.has(paper.id)) {
      result.duplicates.push({ title: paper.title, file, line });
      continue;
    }
    titles.add(title);
    ids.add(paper.id);
    result.papers.push(paper);
  }
  return result;
}
