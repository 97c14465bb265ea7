import type { CorpusFileFingerprint } from "../corpus/corpus-fingerprint.ts";
import type { SeenPapers } from "../corpus/seen-papers.ts";
import type { CorpusFormat } from "../corpus/types.ts";
import type { PaperRecord } from "./paper-record.ts";
import type { PaperStore } from "./paper-store.ts";
import type { SentenceVectorMode } from "./sentence-vectors.ts";

/** The model's work on one paper text, as a store keeps it: finished work is never redone. */
export interface CachedEmbedding {
  /** Content hash of the paper text (see {@link paperContentHash}). */
  hash: string;
  paper: Float32Array;
  /** Its sentences' vectors, quantized (see {@link quantizeSentenceVectors}). */
  sentences: Uint8Array;
}

/** What an index was built from, and how: a store records these with the index it serves. */
export interface IndexFacts {
  formatVersion: number;
  /** Model id, or the absolute path of a model folder; null for a lexical-only index (no model). */
  model: string | null;
  /** The encoder's weights the vectors were made with (`fp32` when absent). */
  dtype?: string;
  /** Vector length; 0 for a lexical-only index. */
  dims: number;
  maxTokens: number;
  sentenceVectors: SentenceVectorMode;
  /** The files the index was built from, and the format they were read in (when forced). */
  corpus: { files: CorpusFileFingerprint[]; format?: CorpusFormat };
  counts: { papers: number; sentences: number; truncated: number; duplicates: number };
  builtAt: string;
}

/** What a finished build tells its store; the store adds the format and the time. */
export type BuildFacts = Omit<IndexFacts, "formatVersion" | "builtAt">;

/** What a store holds before a build: the index in force, one of an older format, or none. */
export type StoredIndex =
  | { facts: IndexFacts }
  /** An index of an older format, and the corpus files it was built from, when it says. */
  | { earlierFormat: string[] | undefined }
  | undefined;

/** The encoder a build or a search embeds with. */
export interface Encoder {
  modelId: string;
  dtype: string;
  dims: number;
}

/**
 * One build, written beside the index in force until `finish` puts it in force: papers are added
 * in corpus order, each with its finished model work.
 */
export interface BuildTarget {
  /** The papers kept so far by id and normalised title (the corpus reader skips duplicates). */
  readonly seen: SeenPapers;
  /** Papers added. */
  readonly papers: number;
  /** Finished model work the store already holds (earlier or interrupted builds), by hash. */
  cached(hashes: readonly string[]): Promise<Map<string, CachedEmbedding>>;
  /** Keeps finished model work durably as it comes (a crash loses at most what is in flight). */
  remember(done: readonly CachedEmbedding[]): Promise<void>;
  /**
   * Adds a paper at its row (its place in the corpus): rows come in increasing order, with gaps
   * only where a build writes one part of the corpus (`--part`). With its model work unless
   * lexical-only.
   */
  add(row: number, record: PaperRecord, embedding?: CachedEmbedding): Promise<void>;
  /** Puts the build in force; returns the facts it recorded. */
  finish(facts: BuildFacts): Promise<IndexFacts>;
  /** Gives up: the index in force stays as it was, and the next build clears what is left. */
  abandon(): Promise<void>;
}

/** One share of a corpus that several workers index together (`--part I/N`, I from 1). */
export interface CorpusPart {
  index: number;
  of: number;
}

/** How a build is asked to be made. */
export interface BuildTargetOptions {
  /** Absent for a lexical-only build. */
  encoder?: Encoder;
  sentenceVectors: SentenceVectorMode;
  /** The corpus files (a store may name the build after them, so that workers agree). */
  corpusFiles: readonly string[];
  /** The share this build writes; the whole corpus when absent. */
  part?: CorpusPart;
}

/**
 * Where an index lives (a folder, or a cluster's index): read what it holds, build a new one,
 * open it for search. The app picks one from the settings; nothing else knows which.
 *
 * @example
 * const location = embeddedLocation("index");
 * const store = await location.open({ encoder: embedder });
 */
export interface StoreLocation {
  /** For messages: the folder, or the cluster and index. */
  readonly description: string;
  /** The index in force; throws an {@link IndexError} for one that cannot be read. */
  stored(): Promise<StoredIndex>;
  beginBuild(options: BuildTargetOptions): Promise<BuildTarget>;
  /** Opens the index in force; refuses one built with another encoder than `encoder`. */
  open(options: { encoder?: { modelId: string; dtype?: string } }): Promise<PaperStore>;
  /**
   * Puts in force a build that several workers wrote in parts, once every part is in; throws,
   * naming the missing parts, before that. Absent for a store that is never built in parts.
   */
  publish?(): Promise<IndexFacts>;
}
