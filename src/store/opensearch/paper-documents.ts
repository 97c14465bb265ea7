import { createHash } from "node:crypto";
import { GRAPH_SHAPE } from "../graph-shape.ts";
import type { PaperRecord } from "../paper-record.ts";
import type { PaperWithSentences, SentenceData, StoredPaper } from "../paper-store.ts";
import { titleTermHashes } from "../sentence-terms.ts";
import type { CachedEmbedding } from "../store-location.ts";

/**
 * Bumped whenever the documents change shape; an index of another version is rebuilt, reusing
 * its model work (2: the vector and the ranked terms left out of the stored source).
 */
export const DOCUMENT_FORMAT_VERSION = 2;

/** HNSW parameters of the paper vectors: the embedded graph's ({@link GRAPH_SHAPE}). */
const HNSW = { m: GRAPH_SHAPE.m, ef_construction: GRAPH_SHAPE.efConstruction };

/** One paper as a document of the papers index. */
export interface PaperDocument {
  id: string;
  /** Position in the corpus (after duplicates): the order of `list`. */
  row: number;
  /** The share of the corpus (`--part I/N`) that wrote it. */
  part: number;
  content_hash: string;
  title: string;
  abstract: string;
  /** paperchat's search terms (see `tokenize`), space-separated: what BM25 ranks. */
  title_terms: string;
  /** The title's terms twice, then the abstract's: title words count double, as in the embedded store. */
  body_terms: string;
  authors?: string[];
  year?: number;
  categories?: string[];
  doi?: string;
  url?: string;
  metadata?: Record<string, unknown>;
  /** Sentence offsets, flat: [start0, end0, start1, end1, …]. */
  sentences: number[];
  /** Base64 of the packed sentence term hashes (see `packSentenceTerms`). */
  sentence_terms: string;
  /** Base64 of each sentence's role flags (see `SENTENCE_ROLE`). */
  sentence_roles: string;
  /** Base64 of the quantized sentence vectors (see `quantizeSentenceVectors`). */
  sentence_vectors?: string;
  /** The paper vector, for the graph (not kept in the stored source from format 2 on). */
  vector?: number[];
  /** Base64 of the paper vector's float32s, kept as doc values (see {@link vectorOfHit}). */
  vector_bytes?: string;
  /**
   * Hash of everything a rewrite would change but the vector and the row: a corpus change
   * rewrites only the papers whose hash (the paper's text, metadata or sentence data) or row
   * differs.
   */
  doc_hash: string;
}

/**
 * Fields indexed but left out of the stored source: the vector (in the graph, and as bytes in
 * doc values) and the ranked terms. What remains is what a page of results shows and snippets
 * read, so a search fetches its papers' sources whole, without the cluster parsing them to
 * filter out a vector of 384 numbers (docs/benchmarks.md).
 */
const NOT_IN_SOURCE = ["vector", "vector_bytes", "title_terms", "body_terms"];

/** Fields of the source a list of papers never needs: the sentence data. */
export const SENTENCE_FIELDS = ["sentence_terms", "sentence_vectors"] as const;

/**
 * Settings and mappings of a papers index: the paper's text and metadata kept as they are; its
 * search terms ranked by BM25 (split on spaces: paperchat's tokenizer made them, so both stores
 * rank the same terms; counts without positions); keywords and a year to filter by; sentence
 * data stored, not indexed; the paper vector in a lucene HNSW graph by cosine, with the
 * embedded graph's M and efConstruction, and its exact float32s as doc values. The vector and
 * the terms stay out of the stored source ({@link NOT_IN_SOURCE}). `dims` 0 makes a
 * lexical-only index (no vectors).
 *
 * @example
 * await cluster.request("PUT", "/paperchat-papers-1a2b", papersIndexBody({ dims: 384, replicas: 1, meta }));
 */
export function papersIndexBody(options: {
  dims: number;
  replicas: number;
  /** How often new documents become searchable (`1s` by default; a build may wait longer). */
  refreshInterval?: string;
  meta: object;
}): object {
  const stored = { type: "text", index: false } as const;
  // BM25 needs each term's papers and counts, never its positions (no phrase is asked).
  const ranked = { type: "text", analyzer: "paperchat_terms", index_options: "freqs" } as const;
  return {
    settings: {
      index: {
        number_of_shards: 1,
        number_of_replicas: options.replicas,
        ...(options.refreshInterval ? { refresh_interval: options.refreshInterval } : {}),
        // knn_vector fields with an HNSW method need it; a cluster without the plugin refuses it.
        ...(options.dims > 0 ? { knn: true } : {}),
      },
      analysis: { analyzer: { paperchat_terms: { type: "custom", tokenizer: "whitespace" } } },
    },
    mappings: {
      dynamic: "strict",
      _meta: { paperchat: options.meta },
      _source: { excludes: NOT_IN_SOURCE },
      properties: {
        id: { type: "keyword" },
        row: { type: "integer" },
        part: { type: "integer" },
        content_hash: { type: "keyword" },
        title: stored,
        abstract: stored,
        title_terms: ranked,
        body_terms: ranked,
        authors: { type: "keyword", index: false },
        year: { type: "integer" },
        categories: { type: "keyword" },
        doi: { type: "keyword", index: false },
        url: { type: "keyword", index: false },
        metadata: { type: "object", enabled: false },
        sentences: { type: "object", enabled: false },
        sentence_terms: { type: "binary" },
        sentence_roles: { type: "binary" },
        sentence_vectors: { type: "binary" },
        doc_hash: { type: "keyword", index: false },
        ...(options.dims > 0
          ? {
              vector: {
                type: "knn_vector",
                dimension: options.dims,
                method: {
                  name: "hnsw",
                  engine: "lucene",
                  space_type: "cosinesimil",
                  parameters: HNSW,
                },
              },
              vector_bytes: { type: "binary", doc_values: true },
            }
          : {}),
      },
    },
  };
}

const base64 = (bytes: Uint8Array | Uint32Array | Float32Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

/** Powers of ten that are exact doubles (10^0 to 10^22). */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A float32 vector as JSON numbers of 9 significant digits, which give back the same float32 in
 * half the characters of the double. A whole integer of 9 digits divided by an exact power of
 * ten is the double nearest that decimal, which JSON prints in 9 digits or fewer, in about half
 * the time `toPrecision(9)` took, an eighth of a build's CPU (docs/benchmarks.md). Values too
 * small for the powers (below 10^-14) take `toPrecision`.
 */
function vectorJson(vector: Float32Array): number[] {
  const json = new Array<number>(vector.length);
  for (let i = 0; i < vector.length; i++) {
    const value = vector[i]!;
    const scale = EXACT_POWERS_OF_TEN[8 - Math.floor(Math.log10(Math.abs(value)))];
    json[i] =
      scale === undefined ? Number(value.toPrecision(9)) : Math.round(value * scale) / scale;
  }
  return json;
}

/**
 * The document of a paper with what a build computed for it and its model work.
 *
 * @example
 * paperDocument({ row: 0, part: 0, record, embedding });
 */
export function paperDocument(item: {
  row: number;
  part: number;
  record: PaperRecord;
  embedding?: CachedEmbedding;
}): PaperDocument {
  const { record, embedding } = item;
  const { paper } = record;
  const title = record.titleTerms.join(" ");
  const content = {
    id: paper.id,
    content_hash: record.contentHash,
    title: paper.title,
    abstract: paper.abstract,
    title_terms: title,
    body_terms: `${title} ${title} ${record.abstractTerms.join(" ")}`,
    ...(paper.authors ? { authors: paper.authors } : {}),
    ...(paper.year !== undefined ? { year: paper.year } : {}),
    ...(paper.categories ? { categories: paper.categories } : {}),
    ...(paper.doi ? { doi: paper.doi } : {}),
    ...(paper.url ? { url: paper.url } : {}),
    ...(paper.metadata ? { metadata: paper.metadata } : {}),
    sentences: paper.sentences.flat(),
    sentence_terms: base64(record.sentenceTerms),
    sentence_roles: base64(record.sentenceRoles),
    ...(embedding ? { sentence_vectors: base64(embedding.sentences) } : {}),
  };
  const docHash = createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 24);
  return {
    ...content,
    row: item.row,
    part: item.part,
    ...(embedding
      ? { vector: vectorJson(embedding.paper), vector_bytes: base64(embedding.paper) }
      : {}),
    doc_hash: docHash,
  };
}

/** Bytes of a base64 field, in an array of their own (aligned for typed views). */
const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

/**
 * The stored paper a document holds.
 *
 * @example
 * storedPaperOf(hit._source);
 */
export function storedPaperOf(doc: PaperDocument): StoredPaper {
  const paper: StoredPaper = {
    id: doc.id,
    title: doc.title,
    abstract: doc.abstract,
    sentences: [],
  };
  for (let i = 0; i + 1 < doc.sentences.length; i += 2) {
    paper.sentences.push([doc.sentences[i]!, doc.sentences[i + 1]!]);
  }
  if (doc.authors) paper.authors = doc.authors;
  if (doc.year !== undefined) paper.year = doc.year;
  if (doc.categories) paper.categories = doc.categories;
  if (doc.doi) paper.doi = doc.doi;
  if (doc.url) paper.url = doc.url;
  if (doc.metadata) paper.metadata = doc.metadata;
  return paper;
}

/**
 * A document's paper with its sentence data (for snippets).
 *
 * @example
 * withSentencesOf(hit._source);
 */
export function withSentencesOf(doc: PaperDocument): PaperWithSentences {
  const sentences: SentenceData = {
    terms: new Uint32Array(bytesOf(doc.sentence_terms).buffer),
    roles: bytesOf(doc.sentence_roles),
    titleTerms: titleTermHashes(doc.title),
  };
  if (doc.sentence_vectors) sentences.vectors = bytesOf(doc.sentence_vectors);
  return { key: doc.id, paper: storedPaperOf(doc), sentences };
}

/**
 * What a search asks of a document for its model work: the hash and sentence vectors from the
 * source, the paper vector's bytes from doc values (and from the source, where an index of
 * format 1 kept the vector).
 */
export const MODEL_WORK_FIELDS = {
  _source: ["content_hash", "sentence_vectors", "vector"],
  docvalue_fields: ["vector_bytes"],
};

/** A hit of a search that asked for {@link MODEL_WORK_FIELDS} (or for `id` and the vector's bytes). */
export interface ModelWorkHit {
  _source?: Partial<Pick<PaperDocument, "id" | "content_hash" | "sentence_vectors" | "vector">>;
  fields?: { id?: string[]; vector_bytes?: string[] };
}

/**
 * The paper vector a hit holds: its float32s from doc values, or (format 1) from the source;
 * undefined for a paper without one.
 *
 * @example
 * vectorOfHit({ fields: { vector_bytes: ["AACAPw=="] } }); // Float32Array [1]
 */
export function vectorOfHit(hit: ModelWorkHit): Float32Array | undefined {
  const bytes = hit.fields?.vector_bytes?.[0];
  if (bytes !== undefined) return new Float32Array(bytesOf(bytes).buffer);
  const json = hit._source?.vector;
  return json ? Float32Array.from(json) : undefined;
}

/**
 * The model work a document holds, for a build that finds its text unchanged.
 *
 * @example
 * cachedEmbeddingOf(hit); // { hash, paper, sentences }
 */
export function cachedEmbeddingOf(hit: ModelWorkHit): CachedEmbedding | undefined {
  const paper = vectorOfHit(hit);
  const source = hit._source;
  if (!paper || source?.content_hash === undefined || source.sentence_vectors === undefined) {
    return undefined;
  }
  return { hash: source.content_hash, paper, sentences: bytesOf(source.sentence_vectors) };
}
