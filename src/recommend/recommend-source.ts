import type { StoredPaper } from "../store/paper-database.ts";
import type { PaperFilter } from "../store/paper-filter.ts";

/** Papers best first, by id, with their scores (cosine, or BM25 for `bm25`). */
export interface RankedIds {
  ids: string[];
  scores: number[];
}

/** A paper with what the index holds of its sentences, as the snippet scorer reads them. */
export interface PaperSentences {
  /** The paper, with its sentences as [start, end) offsets into its abstract. */
  paper: StoredPaper;
  sentences: {
    /** Packed term hashes of each sentence (see `packSentenceTerms`). */
    terms: Uint32Array;
    /** Quantized sentence vectors (see `sentenceScores`); absent without them. */
    vectors?: Uint8Array;
  };
}

/**
 * What recommendations ask of the index (a port: an adapter answers it from whichever store
 * serves). Every read is by a list, so that a recommendation costs a bounded number of round
 * trips: one graph query per collection paper used, and a few list reads.
 */
export interface RecommendSource {
  /** False for a lexical-only index (no paper vectors): only `bm25` and the paper reads work. */
  readonly hasVectors: boolean;
  /**
   * The unit-length vectors of the papers among `ids` that the index holds, by id; ids it does
   * not hold (or all, without vectors) are left out. One read for the list.
   */
  vectors(ids: readonly string[]): Promise<Map<string, Float32Array>>;
  /**
   * Up to `limit` papers nearest to a unit vector by cosine (inner product), best first, with
   * their cosines: never one of `exclude`, only papers that pass `filter`, and fewer than `limit`
   * only when fewer pass. Approximate (the graph) on a large index.
   */
  nearest(
    vector: Float32Array,
    limit: number,
    options: { exclude: ReadonlySet<string>; filter?: PaperFilter },
  ): Promise<RankedIds>;
  /**
   * Up to `count` distinct paper ids spread over the whole index, drawn by a generator seeded
   * with `seed`: the same seed gives the same ids from the same index.
   */
  sample(count: number, seed: number): Promise<string[]>;
  /**
   * The papers among `ids` with their sentence data (for snippets), in the order asked; ids
   * the index does not hold are left out. One read for the list; treat them as read-only.
   */
  papersWithSentences(ids: readonly string[]): Promise<PaperSentences[]>;
  /**
   * Up to `limit` papers ranked by BM25 for the search terms (see `tokenize`), best first, of
   * those that pass `filter`. The store may leave out terms too common to rank by.
   */
  bm25(terms: readonly string[], limit: number, filter?: PaperFilter): Promise<RankedIds>;
}
