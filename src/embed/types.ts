import type { ModelDtype } from "./model-source.ts";

/** Counters an embedder keeps, so callers (and tests) can see how many model calls were made. */
export interface EmbedderStats {
  /** Forward passes of the model (one per batch). */
  calls: number;
  /** Texts sent through the model (after de-duplication). */
  texts: number;
  /** Texts longer than the model's window, cut to `maxTokens` on purpose. */
  truncated: number;
}

/** A paper to embed in one pass: its sentences as [start, end) offsets into `abstract`. */
export interface PaperToEmbed {
  title: string;
  abstract: string;
  /** Sorted, non-overlapping character ranges of `abstract` (as `splitSentences` gives them). */
  sentences: readonly (readonly [number, number])[];
}

/** The vectors of one paper, all unit length (L2). */
export interface PaperEmbedding {
  /** Equals `embed([paperText(paper)])[0]` (see `paperText`). */
  paper: Float32Array;
  /** One per sentence, in the order given. */
  sentences: Float32Array[];
}

/** A sentence-embedding model: text in, unit-length vectors out. */
export interface Embedder {
  /** The model id or folder the vectors come from; recorded in index manifests. */
  readonly modelId: string;
  /** Which of the model's encoders runs (`fp32`, or the int8 `q8`); recorded with the model. */
  readonly dtype: ModelDtype;
  /** Vector length (the model's hidden size). */
  readonly dims: number;
  /** The model's window in tokens, special tokens included; longer texts are truncated. */
  readonly maxTokens: number;
  readonly stats: EmbedderStats;
  /** Embeds texts (any number) in batched model calls; vectors are L2-normalised, in input order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /**
   * One forward pass per paper (batched): `paper` equals embed([paperText(paper)])[0]; each
   * sentence vector is mean-pooled over that sentence's tokens in the same pass; sentences past the
   * model's window get a further pass over the remainder. Counts every model input row (a paper's
   * pass, or a further pass) in `stats.texts`, and in `stats.truncated` what `embed` would count
   * for the paper text and its sentences (a text cut to the window).
   */
  embedPapers(papers: readonly PaperToEmbed[]): Promise<PaperEmbedding[]>;
  /** Token counts as the model sees them (special tokens included, capped at `maxTokens`). */
  countTokens(texts: readonly string[]): number[];
}
