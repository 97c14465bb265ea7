/**
 * The request bodies an OpenSearch store of paperchat sends, as plain data (OpenSearch 2.19 with
 * the k-NN plugin, lucene engine). smoke.ts runs each against a real cluster.
 */
import type { OpenSearchError } from "./rest.ts";

/** Options of `paperIndexBody`. */
export interface PaperIndexOptions {
  /** Dimensions of the paper vectors (384 for all-MiniLM-L6-v2). */
  dims: number;
  /** 1 per data node is plenty up to about a million abstracts. */
  shards: number;
  /** 1 with two or more data nodes (a node can die); 0 on a single node (else health is yellow). */
  replicas: number;
  /** What built the vectors, kept in the mapping's `_meta` for `stats()`. */
  model: string;
}

/** One paper as indexed: what `papers(ids)` returns plus its vectors. */
export interface PaperDocument {
  id: string;
  content_hash: string;
  title: string;
  abstract: string;
  categories: string[];
  year?: number;
  authors?: string[];
  doi?: string;
  url?: string;
  /** Start and end of each sentence of the abstract, flat: [s0, e0, s1, e1, …]. */
  sentence_offsets: number[];
  /** Base64 of the packed int8 sentence vectors (src/store/sentence-vectors.ts). */
  sentence_vectors: string;
  /** The share of the corpus (`--part I/N`) that indexed it. */
  part: number;
  vector: number[];
}

/** Fields a search result never needs: the heavy ones. */
export const HEAVY_FIELDS = ["vector", "sentence_vectors"] as const;

/**
 * Settings and mappings of a paper index. BM25 text on `title` and `abstract` (the title is
 * weighted at query time, `title^2`, so the weight can change without reindexing); keywords for
 * filters and lookups; the vector in an HNSW graph (lucene engine: the only one without native
 * libraries); sentence offsets and vectors stored in `_source` only. `dynamic: strict` turns a
 * misspelt field into an error instead of a new mapping.
 *
 * @example
 * await rest.request("PUT", "/paperchat-papers-2", paperIndexBody({ dims: 384, shards: 1, replicas: 1, model: "Xenova/all-MiniLM-L6-v2" }));
 */
export function paperIndexBody(options: PaperIndexOptions): object {
  return {
    settings: {
      index: {
        number_of_shards: options.shards,
        number_of_replicas: options.replicas,
        // Required for knn_vector fields with a method: without it the mapping is refused.
        knn: true,
      },
    },
    mappings: {
      dynamic: "strict",
      _meta: { model: options.model, dims: options.dims },
      properties: {
        id: { type: "keyword" },
        content_hash: { type: "keyword" },
        title: { type: "text", analyzer: "standard" },
        abstract: { type: "text", analyzer: "standard" },
        categories: { type: "keyword" },
        year: { type: "integer" },
        authors: { type: "keyword" },
        doi: { type: "keyword" },
        // Shown, never searched: kept in _source only.
        url: { type: "keyword", index: false, doc_values: false },
        // Any JSON, kept in _source, neither parsed nor indexed.
        sentence_offsets: { type: "object", enabled: false },
        // binary: base64 in _source, not indexed, no doc values.
        sentence_vectors: { type: "binary" },
        part: { type: "integer" },
        vector: {
          type: "knn_vector",
          dimension: options.dims,
          method: {
            name: "hnsw",
            engine: "lucene",
            space_type: "cosinesimil",
            parameters: { m: 16, ef_construction: 200 },
          },
        },
      },
    },
  };
}

/**
 * A float32 vector as JSON numbers: 9 significant digits give back the same float32 exactly,
 * in about half the characters of a float32 printed as a double.
 *
 * @example
 * vectorJson(new Float32Array([0.1])); // [0.100000001]
 */
export function vectorJson(vector: Float32Array): number[] {
  return Array.from(vector, (value) => Number(value.toPrecision(9)));
}

/**
 * The NDJSON of a `_bulk` request that indexes (creates or replaces) `papers` into `index`,
 * each under its paper id, so that a retried batch replaces rather than duplicates.
 *
 * @example
 * await rest.request("POST", "/_bulk", bulkIndexBody("paperchat-papers", papers));
 */
export function bulkIndexBody(index: string, papers: readonly PaperDocument[]): { ndjson: string } {
  const lines = papers.map(
    (paper) =>
      `${JSON.stringify({ index: { _index: index, _id: paper.id } })}\n${JSON.stringify(paper)}\n`,
  );
  return { ndjson: lines.join("") };
}

/** The reply of `_bulk`: one item per action, keyed by the action (`index`, `delete`, …). */
export interface BulkReply {
  took: number;
  errors: boolean;
  items: Record<string, { _id: string; status: number; error?: OpenSearchError }>[];
}

/** One item of a `_bulk` request that failed. */
export interface BulkFailure {
  id: string;
  status: number;
  type: string;
  reason: string;
}

/**
 * The items of a `_bulk` reply that failed. A bulk request answers 200 even when every item
 * failed: `errors: true` says to look, and each item has its own `status` and `error`. 429 items
 * (`es_rejected_execution_exception`) are worth retrying; 400 ones are not.
 *
 * @example
 * bulkFailures(reply.body); // [{ id: "p7", status: 400, type: "mapper_parsing_exception", reason: "…" }]
 */
export function bulkFailures(reply: BulkReply): BulkFailure[] {
  if (!reply.errors) return [];
  return reply.items.flatMap((item) =>
    Object.values(item)
      .filter((result) => result.error !== undefined)
      .map(({ _id, status, error }) => ({
        id: _id,
        status,
        type: error!.type,
        // The cause says what was wrong ("Vector dimension mismatch…"); the reason, where.
        reason: error!.caused_by ? `${error!.reason}: ${error!.caused_by.reason}` : error!.reason,
      })),
  );
}

/** A search filter, as paperchat's `FilterFields` give it. */
export interface PaperFilter {
  /** At least one of these categories. */
  categories?: string[];
  yearFrom?: number;
  yearTo?: number;
  /** Never these papers (the paper itself, for "similar papers"). */
  excludeIds?: string[];
}

/**
 * A `bool` query of filter clauses (they do not score, and OpenSearch caches them), or nothing
 * when the filter filters nothing.
 *
 * @example
 * filterQuery({ categories: ["cs.LG"], yearFrom: 2020 });
 * // { bool: { filter: [{ terms: { categories: ["cs.LG"] } }, { range: { year: { gte: 2020 } } }] } }
 */
export function filterQuery(filter: PaperFilter = {}): object | undefined {
  const clauses: object[] = [];
  if (filter.categories?.length) clauses.push({ terms: { categories: filter.categories } });
  if (filter.yearFrom !== undefined || filter.yearTo !== undefined) {
    clauses.push({ range: { year: { gte: filter.yearFrom, lte: filter.yearTo } } });
  }
  const mustNot = filter.excludeIds?.length ? [{ ids: { values: filter.excludeIds } }] : [];
  if (clauses.length === 0 && mustNot.length === 0) return undefined;
  return { bool: { filter: clauses, must_not: mustNot } };
}

/** Options of `nearestQuery`. */
export interface NearestOptions {
  filter?: PaperFilter;
  /**
   * Candidates the HNSW search keeps. With the lucene engine the graph is searched for
   * max(k, ef_search) neighbours (per shard and segment), so it defaults to k.
   */
  efSearch?: number;
}

/**
 * A search for the `k` papers nearest `vector`. The filter sits inside the knn clause, so the
 * lucene engine filters while it searches (exactly, when few papers match) and still returns k
 * papers; a filter outside it would drop papers after the search and return fewer. `size: k`
 * because each shard returns its own k (and ef_search of them when that is larger). Scores are
 * (1 + cosine) / 2. `_source: false`: ids and scores only; `papers(ids)` fetches the rest.
 *
 * @example
 * await rest.request("POST", "/paperchat-papers/_search", nearestQuery(vector, 10, { filter: { yearFrom: 2020 } }));
 */
export function nearestQuery(
  vector: Float32Array,
  k: number,
  options: NearestOptions = {},
): object {
  const filter = filterQuery(options.filter);
  return {
    size: k,
    _source: false,
    query: {
      knn: {
        vector: {
          vector: vectorJson(vector),
          k,
          ...(filter ? { filter } : {}),
          ...(options.efSearch ? { method_parameters: { ef_search: options.efSearch } } : {}),
        },
      },
    },
  };
}

/**
 * A BM25 search over title and abstract (the title counts twice), filtered, ids and scores only.
 * `best_fields` scores a paper by its better field, as a question usually matches one of them.
 *
 * @example
 * await rest.request("POST", "/paperchat-papers/_search", lexicalQuery("graph neural networks", 10));
 */
export function lexicalQuery(text: string, k: number, filter?: PaperFilter): object {
  const filters = filterQuery(filter);
  return {
    size: k,
    _source: false,
    query: {
      bool: {
        must: [
          { multi_match: { query: text, fields: ["title^2", "abstract"], type: "best_fields" } },
        ],
        ...(filters ? { filter: [filters] } : {}),
      },
    },
  };
}

/**
 * The path of `_mget` for papers of `index` without their vectors (`_mget` takes source
 * filtering in the query string or per document, not as a top-level `_source`).
 *
 * @example
 * await rest.request("POST", papersPath("paperchat-papers"), papersBody(["p1", "p2"]));
 */
export function papersPath(index: string): string {
  return `/${index}/_mget?_source_excludes=${HEAVY_FIELDS.join(",")}`;
}

/**
 * An `_mget` body for papers by id. Missing ids come back `found: false`, in request order.
 *
 * @example
 * await rest.request("POST", papersPath("paperchat-papers"), papersBody(["p1", "p2"]));
 */
export function papersBody(ids: readonly string[]): object {
  return { ids };
}

/** Most terms one `terms` query carries (`index.max_terms_count` is 65 536; requests stay small). */
export const HASHES_PER_QUERY = 1024;

/**
 * A search for which of `hashes` are already indexed (the embedding cache: finished model work
 * is never redone). Send it once per `HASHES_PER_QUERY` hashes; `_source` is only the hash
 * (add `"vector"` to `includes` to get the cached embedding back).
 *
 * @example
 * await rest.request("POST", "/paperchat-papers/_search", existingHashesQuery(hashes.slice(0, 1024)));
 */
export function existingHashesQuery(hashes: readonly string[]): object {
  return {
    size: hashes.length,
    _source: { includes: ["content_hash"] },
    query: { bool: { filter: [{ terms: { content_hash: hashes } }] } },
  };
}

/**
 * `_aliases` actions that point `alias` at `index` and away from every other generation
 * (`<alias>-*`), in one atomic step: a search sees the old generation or the new one, never
 * neither. No need to know which generation held it: removing an alias from an index that lacks
 * it is no error in 2.19 (naming a missing index is: 404). Old generations are then deleted with
 * `DELETE /<alias>-<n>`.
 *
 * @example
 * await rest.request("POST", "/_aliases", aliasSwapBody("paperchat-papers", "paperchat-papers-3"));
 */
export function aliasSwapBody(alias: string, index: string): object {
  return {
    actions: [
      { remove: { index: `${alias}-*`, alias } },
      { add: { index, alias, is_write_index: true } },
    ],
  };
}
