import type { Facets } from "../../contract/starters.ts";
import { idf } from "../idf.ts";
import { commonAbove, POSTING_BUDGET, queryTerms, rareTitlesAtMost } from "../lexical-terms.ts";
import type {
  PaperKey,
  PaperStore,
  PaperWithSentences,
  Ranking,
  StoreInfo,
} from "../paper-store.ts";
import { StoreUnavailableError } from "../store-errors.ts";
import { FACET_CATEGORIES } from "../store-limits.ts";
import type { ClusterClient } from "./cluster-client.ts";
import {
  type PaperDocument,
  RANKING_FIELDS,
  storedPaperOf,
  withSentencesOf,
} from "./paper-documents.ts";
import {
  type Bm25Reply,
  bm25Query,
  bm25RankingOf,
  hitId,
  IDS_FROM_DOC_VALUES,
  type IdHit,
  msearchBody,
  nearestQuery,
  rareTitlesQuery,
  segmentEfFor,
  type TermVectorsReply,
  termCountsBody,
  termCountsOf,
} from "./paper-queries.ts";

/** Hits of a search that asked for ids from doc values, with scores. */
interface SearchReply {
  hits: { hits: IdHit[] };
}
interface MgetReply {
  docs: { _id: string; found: boolean; _source?: PaperDocument }[];
}
interface MsearchReply {
  responses: (SearchReply & { status?: number; error?: { reason: string } })[];
}

/** Papers with their sentence data remembered between questions, as the embedded store does. */
const REMEMBERED_PAPERS = 2000;

const ranking = (reply: SearchReply): Ranking => ({
  keys: reply.hits.hits.map(hitId),
  scores: reply.hits.hits.map((hit) => hit._score ?? 0),
});

/**
 * The papers store over an OpenSearch index (through its alias): papers and their sentence data
 * are documents, BM25 ranks paperchat's own terms, the lucene HNSW graph ranks vectors, filters
 * are query clauses. Keys are paper ids. Answers what the embedded store answers, so search,
 * chat and the API cannot tell them apart.
 *
 * @example
 * const store = createOpenSearchStore(cluster, "paperchat-papers", info);
 * await store.lexical(["graph", "convolution"], 50);
 */
export function createOpenSearchStore(
  cluster: ClusterClient,
  index: string,
  info: StoreInfo,
): PaperStore {
  const { count } = info;
  /** The sources of papers by key, filtered by `query`'s parameters, or whole without. */
  const mget = async (keys: readonly PaperKey[], query?: string) => {
    if (keys.length === 0) return [];
    const path = `/${index}/_mget${query ? `?${query}` : ""}`;
    const { body } = await cluster.request<MgetReply>("POST", path, { ids: keys });
    return body.docs.flatMap((doc) => (doc.found && doc._source ? [doc._source] : []));
  };
  const light = `_source_excludes=${[...RANKING_FIELDS, "sentence_terms", "sentence_vectors"].join(",")}`;
  const remembered = new Map<PaperKey, PaperWithSentences>();
  const search = async (body: object) =>
    (await cluster.request<SearchReply>("POST", `/${index}/_search`, body)).body;
  /** The replies of an `_msearch`; one that failed fails the whole (as a lone search would). */
  const msearch = async (body: { ndjson: string }) => {
    const { responses } = (await cluster.request<MsearchReply>("POST", "/_msearch", body)).body;
    const failed = responses.find((reply) => reply.error);
    if (!failed) return responses;
    const reason = `${failed.status ?? ""} ${failed.error!.reason}`.trim();
    if (failed.status === undefined || failed.status >= 500 || failed.status === 429) {
      throw new StoreUnavailableError(
        `The OpenSearch cluster at ${cluster.url} cannot answer searches for now (${reason}); it may be failing over. Try again in a few seconds.`,
      );
    }
    throw new Error(`OpenSearch at ${cluster.url} refused a search: ${reason}`);
  };

  return {
    info,
    async facets(): Promise<Facets> {
      const reply = await cluster.request<{
        aggregations: {
          first: { value: number | null };
          last: { value: number | null };
          categories: { buckets: { key: string; doc_count: number }[] };
        };
      }>("POST", `/${index}/_search`, {
        size: 0,
        aggs: {
          first: { min: { field: "year" } },
          last: { max: { field: "year" } },
          categories: { terms: { field: "categories", size: FACET_CATEGORIES } },
        },
      });
      const { first, last, categories } = reply.body.aggregations;
      const facets: Facets = {};
      if (first.value !== null && last.value !== null) {
        facets.years = { min: first.value, max: last.value };
      }
      if (categories.buckets.length > 0) {
        facets.categories = categories.buckets
          .map(({ key, doc_count }) => ({ name: key, papers: doc_count }))
          .sort((a, b) => b.papers - a.papers || (a.name < b.name ? -1 : 1));
      }
      return facets;
    },
    async list(offset, limit) {
      const reply = await cluster.request<{ hits: { hits: { _source: PaperDocument }[] } }>(
        "POST",
        `/${index}/_search`,
        {
          size: limit,
          _source: ["id", "title"],
          query: { range: { row: { gte: offset, lt: offset + limit } } },
          sort: [{ row: "asc" }],
        },
      );
      return reply.body.hits.hits.map(({ _source }) => ({ id: _source.id, title: _source.title }));
    },
    async papersById(ids) {
      const docs = await mget(ids, light);
      return docs.map((doc) => ({ key: doc.id, paper: storedPaperOf(doc) }));
    },
    async papers(keys) {
      return (await mget(keys, light)).map(storedPaperOf);
    },
    async papersWithSentences(keys) {
      const missing = keys.filter((key) => !remembered.has(key));
      // Whole sources, vector and terms included: a filtered source is parsed by the cluster to
      // be filtered, which took twice as long as sending it whole (docs/benchmarks.md).
      for (const doc of await mget([...new Set(missing)])) {
        if (remembered.size >= REMEMBERED_PAPERS)
          remembered.delete(remembered.keys().next().value!);
        remembered.set(doc.id, withSentencesOf(doc));
      }
      return keys.flatMap((key) => {
        const found = remembered.get(key);
        return found ? [found] : [];
      });
    },
    async paperVectors(keys) {
      const docs = await mget(keys, "_source_includes=id,vector");
      const byId = new Map(
        docs.map((doc) => [doc.id, doc.vector && Float32Array.from(doc.vector)]),
      );
      return keys.map((key) => byId.get(key as string));
    },
    async lexical(terms, limit, filter) {
      const distinct = [...new Set(terms)];
      const empty = { keys: [], scores: [] };
      if (distinct.length === 0) {
        const termStatistics = { docCount: count, frequencies: [] };
        return { bm25: empty, rareTitles: empty, termStatistics };
      }
      const { body: counted } = await cluster.request<TermVectorsReply>(
        "POST",
        `/${index}/_termvectors`,
        termCountsBody(distinct),
      );
      const found = termCountsOf(counted, distinct);
      const chosen = queryTerms(
        found.map(({ term, body }) => ({ term, docs: body })),
        { budget: POSTING_BUDGET, maxDocs: commonAbove(count) },
      );
      const rareBelow = rareTitlesAtMost(count);
      const rare = found
        .filter(({ title }) => title > 0 && title <= rareBelow)
        .map(({ term, body }) => ({ term, weight: idf(count, body) }));
      const searches = [
        ...(chosen.length > 0 ? [bm25Query(chosen, limit, filter)] : []),
        ...(rare.length > 0 ? [rareTitlesQuery(rare, limit, filter)] : []),
      ];
      const replies = searches.length > 0 ? await msearch(msearchBody(index, searches)) : [];
      const bm25 =
        chosen.length === 0
          ? empty
          : (bm25RankingOf(replies[0]! as Bm25Reply, limit) ??
            ranking(await search(bm25Query(chosen, limit, filter, true))));
      const frequencies = found
        .filter(({ body }) => body > 0)
        .map(({ term, body }) => ({ term, docs: body }));
      return {
        bm25,
        rareTitles: rare.length > 0 ? ranking(replies.at(-1)!) : empty,
        termStatistics: { docCount: count, frequencies },
      };
    },
    // The graph filters exactly by itself when few papers pass: there is nothing to plan.
    passing: async () => undefined,
    async nearest({ vector, limit, filter, exclude }) {
      if (!info.hasVectors || limit <= 0) return { keys: [], scores: [] };
      const reply = await search(
        nearestQuery(vector, limit, segmentEfFor(limit), filter, exclude as string | undefined),
      );
      const { keys, scores } = ranking(reply);
      // lucene scores cosine similarity as (1 + cosine) / 2.
      return { keys, scores: scores.map((score) => 2 * score - 1) };
    },
    async sample(size, seed) {
      const { hits } = await search({
        size,
        ...IDS_FROM_DOC_VALUES,
        query: { function_score: { random_score: { seed, field: "row" } } },
      });
      return hits.hits.map(hitId);
    },
    async close() {},
  };
}
