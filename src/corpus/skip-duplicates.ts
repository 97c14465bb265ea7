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
  const byTitle = new Map<string, LocatedPaper>();
  const byId = new Map<string, LocatedPaper>();
  for (const current of located) {
    const { paper, file, line } = current;
    const title = normalizeTitle(paper.title);
    const sameTitle = byTitle.get(title);
    const kept = sameTitle ?? byId.get(paper.id);
    if (kept !== undefined) {
      const sameBy = sameTitle === undefined ? "id" : "title";
      const keptInstead = { id: kept.paper.id, file: kept.file, line: kept.line, sameBy } as const;
      result.duplicates.push({ title: paper.title, file, line, keptInstead });
      continue;
    }
    byTitle.set(title, current);
    byId.set(paper.id, current);
    result.papers.push(paper);
  }
  return result;
}
