import { isUnfiltered, type PaperFilter } from "../../contract/paper-filter.ts";
import type { Ranking } from "../paper-store.ts";

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
 * What a ranking search asks of each hit: its paper id from the `id` field's doc values, and no
 * stored field. The `_id` is a stored field, and reading one decompresses the block of stored
 * documents (each with its source of about 15 kB) that holds it: a few ms of each search of 100k
 * papers (docs/benchmarks.md).
 */
export const IDS_FROM_DOC_VALUES = { stored_fields: "_none_", docvalue_fields: ["id"] } as const;

/** A hit of a search that asked for {@link IDS_FROM_DOC_VALUES}. */
export interface IdHit {
  _score: number | null;
  fields?: { id?: string[]; row?: number[] };
}

/**
 * The paper id of a hit of a search that asked for {@link IDS_FROM_DOC_VALUES}.
 *
 * @example
 * hitId({ _score: 1, fields: { id: ["2401.00001"] } }); // "2401.00001"
 */
export const hitId = (hit: IdHit): string => hit.fields!.id![0]!;

/**
 * The candidates lucene explores in each segment's graph for the `limit` nearest papers. Lucene
 * searches every segment on its own and keeps the best, so an index of S segments explores S
 * times this: the single graph's `efSearchFor` (256) measured no better recall on 100k papers
 * in 8 segments (0.996 of the top 10 at 100 against 1.000 at 256, bench opensearch section) and
 * took half again as long.
 *
 * @example
 * segmentEfFor(50); // 100
 */
export const segmentEfFor = (limit: number) => Math.max(100, 2 * limit);

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
    ...IDS_FROM_DOC_VALUES,
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
 * of the papers that pass the filter: ids, scores and rows.
 *
 * The cluster ranks by score alone, so that it can skip papers that cannot reach the best
 * (block-max WAND, with no total to count): on 100k papers, the `_msearch` it goes in took 16 ms
 * at the median instead of 19, and the nearest-papers search beside it 24 instead of 27.
 * It keeps one paper more than asked, for {@link bm25RankingOf} to put tied papers in row order
 * and to see whether a tie reaches the cut. `inRowOrder` asks for the exhaustive ranking, by
 * score then row, for when it does.
 *
 * @example
 * bm25Query(["graph", "convolution"], 50);
 */
export function bm25Query(
  terms: readonly string[],
  limit: number,
  filter?: PaperFilter,
  inRowOrder = false,
): object {
  const filters = filterQuery(filter);
  const query = {
    bool: {
      must: [{ match: { body_terms: { query: terms.join(" "), operator: "or" } } }],
      ...(filters ? { filter: [filters] } : {}),
    },
  };
  return inRowOrder
    ? {
        size: limit,
        ...IDS_FROM_DOC_VALUES,
        query,
        sort: [{ _score: "desc" }, { row: "asc" }],
        track_scores: true,
      }
    : {
        size: limit + 1,
        query,
        ...IDS_FROM_DOC_VALUES,
        docvalue_fields: [...IDS_FROM_DOC_VALUES.docvalue_fields, "row"],
        track_total_hits: false,
      };
}

/** What a {@link bm25Query} answers: ids, scores, and each hit's row. */
export interface Bm25Reply {
  hits: { hits: IdHit[] };
}

/**
 * The best `limit` papers of a {@link bm25Query} reply, by score then row (the embedded store's
 * order, whichever copy of the index answered); undefined when papers tied at the cut, as lucene
 * then kept the first indexed of them, not the first rows: ask again `inRowOrder`.
 *
 * @example
 * bm25RankingOf(reply, 50) ?? ranking(await search(bm25Query(terms, 50, filter, true)));
 */
export function bm25RankingOf(reply: Bm25Reply, limit: number): Ranking | undefined {
  const hits = reply.hits.hits.map((hit) => ({
    key: hitId(hit),
    score: hit._score ?? 0,
    row: hit.fields?.row?.[0] ?? 0,
  }));
  if (hits.length > limit && hits[limit - 1]!.score === hits[limit]!.score) return undefined;
  const best = hits.slice(0, limit).sort((a, b) => b.score - a.score || a.row - b.row);
  return { keys: best.map((hit) => hit.key), scores: best.map((hit) => hit.score) };
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
    ...IDS_FROM_DOC_VALUES,
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

/** The fields whose document frequencies lexical ranking chooses terms by. */
const COUNTED_FIELDS = ["body_terms", "title_terms"] as const;

/** What `_termvectors` answers about a document it was given: each field's terms and their counts. */
export interface TermVectorsReply {
  term_vectors?: Partial<
    Record<(typeof COUNTED_FIELDS)[number], { terms: Record<string, { doc_freq?: number }> }>
  >;
}

/**
 * A `_termvectors` request for a document made of the question's terms: the cluster answers,
 * for each term, how many papers hold it in the body and in the title, in one cheap request
 * (no search per term). Counts are the shard's (a papers index has one), deleted papers
 * included until merged away, as OpenSearch's own BM25 counts them.
 *
 * @example
 * termCountsBody(["graph", "lightgcn"]);
 */
export function termCountsBody(terms: readonly string[]): object {
  const text = terms.join(" ");
  return {
    doc: Object.fromEntries(COUNTED_FIELDS.map((field) => [field, text])),
    fields: COUNTED_FIELDS,
    term_statistics: true,
    field_statistics: false,
    positions: false,
    offsets: false,
  };
}

/**
 * The body and title counts of each term from a {@link termCountsBody} reply; 0 for a term no
 * paper holds.
 *
 * @example
 * termCountsOf(reply, ["graph"]); // [{ term: "graph", body: 12, title: 8 }]
 */
export function termCountsOf(
  reply: TermVectorsReply,
  terms: readonly string[],
): { term: string; body: number; title: number }[] {
  const count = (field: (typeof COUNTED_FIELDS)[number], term: string) =>
    reply.term_vectors?.[field]?.terms[term]?.doc_freq ?? 0;
  return terms.map((term) => ({
    term,
    body: count("body_terms", term),
    title: count("title_terms", term),
  }));
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
