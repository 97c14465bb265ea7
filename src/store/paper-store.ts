import type { PaperFilter } from "../contract/paper-filter.ts";
import type { Facets } from "../contract/starters.ts";
import type { Paper } from "../corpus/types.ts";
import type { SentenceVectorMode } from "./sentence-vectors.ts";

/** A paper as a store holds it: its sentences as [start, end) offsets into the abstract. */
export interface StoredPaper extends Paper {
  sentences: [number, number][];
}

/**
 * A store's own handle on a paper, valid while the store is open: a row number in the embedded
 * store, a document id in a cluster. Rankings stay in keys inside one question; papers (and
 * their ids) are read once, at the end.
 */
export type PaperKey = number | string;

/** Papers best first, by key, with their scores. */
export interface Ranking {
  keys: PaperKey[];
  scores: number[];
}

/** How many papers hold a term in their title or abstract. */
export interface TermFrequency {
  term: string;
  docs: number;
}

/**
 * How common a question's terms are in the whole index, whatever the filter: what weighs them
 * (their IDF) when snippets are chosen. A search cluster has them as its term statistics.
 */
export interface TermStatistics {
  /** Papers in the index. */
  docCount: number;
  /** The question's distinct terms that the index holds, with the papers holding each. */
  frequencies: TermFrequency[];
}

/** The lexical rankings of one question. */
export interface LexicalRankings {
  /** BM25 over title and abstract. */
  bm25: Ranking;
  /**
   * Papers whose title holds a rare term of the question (an acronym, a method name), by the
   * summed IDF of those terms; empty when the question has none.
   */
  rareTitles: Ranking;
  termStatistics: TermStatistics;
}

/** A nearest-neighbour question to a store. */
export interface NearestQuery {
  /** A unit vector; nearness is cosine similarity. */
  vector: Float32Array;
  limit: number;
  /** Only papers that pass. */
  filter?: PaperFilter;
  /** Never this paper (the one whose neighbours are asked for). */
  exclude?: PaperKey;
  /**
   * Score exactly these papers (`all`: every paper) instead of searching the graph, as the
   * search's plan decided (see {@link planNearest}); they already pass the filter.
   */
  among?: readonly PaperKey[] | "all";
}

/** What the index holds of a paper's sentences, beside the paper (for snippets). */
export interface SentenceData {
  /** Packed term hashes of each sentence (see {@link packSentenceTerms}). */
  terms: Uint32Array;
  /** Quantized sentence vectors (see {@link sentenceScores}); absent without a model or its cache. */
  vectors?: Uint8Array;
  /** One byte of role flags per sentence (see `SENTENCE_ROLE`); absent where a store has none. */
  roles?: Uint8Array;
  /**
   * The distinct term hashes of the paper's title (see {@link titleTermHashes}), found when the
   * store reads the paper and remembered with it.
   */
  titleTerms: Uint32Array;
}

/** A paper and what the index holds of its sentences. */
export interface PaperWithSentences {
  key: PaperKey;
  paper: StoredPaper;
  sentences: SentenceData;
}

/** A paper found by its id, with its key. */
export interface KeyedPaper {
  key: PaperKey;
  paper: StoredPaper;
}

/** What a store says about the index it serves. */
export interface StoreInfo {
  /** Number of papers. */
  count: number;
  /** The model that made the vectors (id or folder), null for a lexical-only index. */
  model: string | null;
  /** The encoder's weights (`fp32`, `q8`); absent for a lexical-only index. */
  dtype?: string;
  /** Vector length; 0 without vectors. */
  dims: number;
  /** False for a lexical-only index (built without a model): it has no vectors. */
  hasVectors: boolean;
  sentenceVectors: SentenceVectorMode;
  /** When the served index was built (ISO 8601). */
  builtAt: string;
  /** Where it lives, for messages: a folder or a cluster's index. */
  location: string;
}

/**
 * What search, chat, the API and the CLI ask of a store: the whole surface. Every method is
 * asynchronous so that a store over the network fits behind it; how a store answers (SQLite,
 * FTS5 and HNSW on disk, or a search cluster) stays inside it. Papers asked for by key or id
 * come back in the order asked, unknown ones left out.
 *
 * @example
 * const { bm25, termStatistics } = await store.lexical(["graph", "convolution"], 50);
 * const [best] = await store.papersWithSentences(bm25.keys.slice(0, 1));
 */
export interface PaperStore {
  readonly info: StoreInfo;
  /** Years and most frequent categories (what the corpus can be filtered by). */
  facets(): Promise<Facets>;
  /** A page of papers in corpus order. */
  list(offset: number, limit: number): Promise<{ id: string; title: string }[]>;
  papersById(ids: readonly string[]): Promise<KeyedPaper[]>;
  papers(keys: readonly PaperKey[]): Promise<StoredPaper[]>;
  /** Papers with their sentence data; the objects may be shared between calls (read-only). */
  papersWithSentences(keys: readonly PaperKey[]): Promise<PaperWithSentences[]>;
  /** Papers' own vectors, in the order asked (undefined for an unknown key or no vectors). */
  paperVectors(keys: readonly PaperKey[]): Promise<(Float32Array | undefined)[]>;
  /**
   * The lexical rankings of search terms (see {@link tokenize}), of the papers that pass `filter`, and
   * the terms' statistics in the whole index.
   */
  lexical(terms: readonly string[], limit: number, filter?: PaperFilter): Promise<LexicalRankings>;
  /**
   * The papers that pass a filter when there are at most `atMost` of them (so that scoring them
   * all is cheap); undefined when there are more.
   */
  passing(filter: PaperFilter, atMost: number): Promise<PaperKey[] | undefined>;
  /** Nearest papers to a vector by cosine. */
  nearest(query: NearestQuery): Promise<Ranking>;
  /**
   * Up to `count` distinct papers drawn from the whole corpus by a generator seeded with `seed`:
   * the same seed gives the same papers from the same index.
   */
  sample(count: number, seed: number): Promise<PaperKey[]>;
  close(): Promise<void>;
}
