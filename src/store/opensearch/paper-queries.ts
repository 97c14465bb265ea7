import { isUnfiltered, type PaperFilter } from "../../contract/paper-filter.ts";

/**
 * Filter clauses of a paper filter, and never the paper `exclude` (the one whose neighbours are
 * asked for); undefined when nothing is filtered.
 *
 * @example
 * filterQuery({ yearFrom: 2020, categories: ["cs.LG"] });
 * // { bool: { filter: [{ range: { year: { gte: 2020 } } }, { terms: { categories: ["cs.LG"] } }] } }
 */
export function filterQuery(filter?: PaperFilter, exclude?: string): object | undefined {
  const clauses: object[] = [];
  if (!isUnfiltered(filter)) {
    const { yearFrom, yearTo, categories } = filter!;
    if (yearFrom !== undefined || yearTo !== undefined) {
      clauses.push({ range: { year: { gte: yearFrom, lte: yearTo } } });
    }
    if (categories?.length) clauses.push({ terms: { categories } });
  }
  const mustNot = exclude === undefined ? [] : [{ ids: { values: [exclude] } }];
  if (clauses.length === 0 && mustNot.length === 0) return undefined;
  return { bool: { filter: clauses, ...(mustNot.length ? { must_not: mustNot } : {}) } };
}

/**
 * The `limit` papers nearest a vector, by the lucene HNSW graph with the filter applied inside
 * the search (exactly, when few papers pass), so that `limit` papers still come back. The graph
 * explores `ef` candidates (lucene's default, `k`, finds only ~0.7 of the true top 10).
 * Scores are (1 + cosine) / 2. Ids only.
 *
 * @example
 * nearestQuery(vector, 10, 256, { yearFrom: 2020 }, "2401.00001");
 */
export function nearestQuery(
  vector: Float32Array,
  limit: number,
  ef: number,
  filter?: PaperFilter,
  exclude?: string,
): object {
  const filters = filterQuery(filter, exclude);
  return {
    size: limit,
    _source: false,
    query: {
      knn: {
        vector: {
          vector: Array.from(vector),
          k: limit,
          ...(filters ? { filter: filters } : {}),
          method_parameters: { ef_search: Math.max(ef, limit) },
        },
      },
    },
  };
}

/**
 * BM25 of the question's chosen terms over the body (title terms twice, then the abstract's),
 * of the papers that pass the filter. Ids and scores only.
 *
 * @example
 * bm25Query(["graph", "convolution"], 50);
 */
export function bm25Query(terms: readonly string[], limit: number, filter?: PaperFilter): object {
  const filters = filterQuery(filter);
  return {
    size: limit,
    _source: false,
    query: {
      bool: {
        must: [{ match: { body_terms: { query: terms.join(" "), operator: "or" } } }],
        ...(filters ? { filter: [filters] } : {}),
      },
    },
    sort: [{ _score: "desc" }, { row: "asc" }],
    track_scores: true,
  };
}

/**
 * Papers whose title holds a rare question term, scored by the summed IDF of those terms (each
 * term counts once, whatever its frequency in the title), of those that pass the filter.
 *
 * @example
 * rareTitlesQuery([{ term: "lightgcn", weight: 3.9 }], 50);
 */
export function rareTitlesQuery(
  weighted: readonly { term: string; weight: number }[],
  limit: number,
  filter?: PaperFilter,
): object {
  const filters = filterQuery(filter);
  return {
    size: limit,
    _source: false,
    query: {
      bool: {
        should: weighted.map(({ term, weight }) => ({
          constant_score: { filter: { term: { title_terms: term } }, boost: weight },
        })),
        minimum_should_match: 1,
        ...(filters ? { filter: [filters] } : {}),
      },
    },
    sort: [{ _score: "desc" }, { row: "asc" }],
    track_scores: true,
  };
}

/**
 * An `_msearch` that counts, for each term, the papers holding it in the body and in the title
 * (two counts a term, in that order): the document frequencies lexical ranking chooses terms by.
 *
 * @example
 * termCountsBody("paperchat-papers", ["graph", "lightgcn"]);
 */
export function termCountsBody(index: string, terms: readonly string[]): { ndjson: string } {
  const head = JSON.stringify({ index });
  const count = (field: string, term: string) =>
    JSON.stringify({ size: 0, track_total_hits: true, query: { term: { [field]: term } } });
  const lines = terms.flatMap((term) => [
    head,
    count("body_terms", term),
    head,
    count("title_terms", term),
  ]);
  return { ndjson: `${lines.join("\n")}\n` };
}

/**
 * An `_msearch` body of searches on one index.
 *
 * @example
 * msearchBody("paperchat-papers", [bm25Query(terms, 50), rareTitlesQuery(weighted, 50)]);
 */
export function msearchBody(index: string, searches: readonly object[]): { ndjson: string } {
  const head = JSON.stringify({ index });
  return { ndjson: `${searches.flatMap((search) => [head, JSON.stringify(search)]).join("\n")}\n` };
}
