import type { PaperFilter } from "../../contract/paper-filter.ts";

/** A SQL condition on the `papers` table and its parameters. */
export interface FilterClause {
  sql: string;
  params: (string | number)[];
}

/**
 * The filter as a condition on `papers` (categories are stored as " cat1 cat2 ", so a category
 * is the substring " cat "); `"1"` when the filter is empty.
 *
 * @example
 * filterClause({ yearFrom: 2019, categories: ["cs.LG"] });
 * // { sql: "papers.year >= ? AND (instr(papers.categories, ?) > 0)", params: [2019, " cs.LG "] }
 */
export function filterClause(filter: PaperFilter | undefined): FilterClause {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  if (filter?.yearFrom !== undefined) {
    conditions.push("papers.year >= ?");
    params.push(filter.yearFrom);
  }
  if (filter?.yearTo !== undefined) {
    conditions.push("papers.year <= ?");
    params.push(filter.yearTo);
  }
  const categories = filter?.categories ?? [];
  if (categories.length > 0) {
    conditions.push(`(${categories.map(() => "instr(papers.categories, ?) > 0").join(" OR ")})`);
    params.push(...categories.map((category) => ` ${category} `));
  }
  return { sql: conditions.length > 0 ? conditions.join(" AND ") : "1", params };
}
