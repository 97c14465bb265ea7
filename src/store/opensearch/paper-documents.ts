import { createHash } from "node:crypto";
import { GRAPH_SHAPE } from "../graph-shape.ts";
import type { PaperRecord } from "../paper-record.ts";
import type { PaperWithSentences, SentenceData, StoredPaper } from "../paper-store.ts";
import { titleTermHashes } from "../sentence-terms.ts";
import type { CachedEmbedding } from "../store-location.ts";

/** Bumped whenever the documents change shape; an index of another version is rebuilt. */
export const DOCUMENT_FORMAT_VERSION = 1;

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
  vector?: number[];
  /**
   * Hash of everything a rewrite would change but the vector and the row: a corpus change
   * rewrites only the papers whose hash (the paper's text, metadata or sentence data) or row
   * differs.
   */
  doc_hash: string;
}

/** Fields a page of results never needs: the heavy ones, and the ranked terms. */
export const RANKING_FIELDS = ["vector", "title_terms", "body_terms"] as const;

/**
 * Settings and mappings of a papers index: the paper's text and metadata kept as they are; its
 * search terms ranked by BM25 (split on spaces: paperchat's tokenizer made them, so both stores
 * rank the same terms; counts without positions); keywords and a year to filter by; sentence
 * data stored, not indexed; the paper vector in a lucene HNSW graph by cosine, with the
 * embedded graph's M and efConstruction. `dims` 0 makes a lexical-only index (no vectors).
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
            }
          : {}),
      },
    },
  };
}

const base64 = (bytes: Uint8Array | Uint32Array) =>
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
    ...(embedding ? { vector: vectorJson(embedding.paper) } : {}),
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
 * The model work a document holds, for a build that finds its text unchanged.
 *
 * @example
 * cachedEmbeddingOf(hit._source); // { hash, paper, sentences }
 */
export function cachedEmbeddingOf(doc: PaperDocument): CachedEmbedding | undefined {
  if (!doc.vector || doc.sentence_vectors === undefined) return undefined;
  return {
    hash: doc.content_hash,
    paper: Float32Array.from(doc.vector),
    sentences: bytesOf(doc.sentence_vectors),
  };
}
