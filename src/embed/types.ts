/** Counters an embedder keeps, so callers (and tests) can see how many model calls were made. */
export interface EmbedderStats {
  /** Forward passes of the model (one per batch). */
  calls: number;
  /** Texts sent through the model (after de-duplication). */
  texts: number;
  /** Texts longer than the model's window, cut to `maxTokens` on purpose. */
  truncated: number;
}

/** A sentence-embedding model: text in, unit-length vectors out. */
export interface Embedder {
  /** The model id or folder the vectors come from; recorded in index manifests. */
  readonly modelId: string;
  /** Vector length (the model's hidden size). */
  readonly dims: number;
  /** The model's window in tokens, special tokens included; longer texts are truncated. */
  readonly maxTokens: number;
  readonly stats: EmbedderStats;
  /** Embeds texts (any number) in batched model calls; vectors are L2-normalised, in input order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /**
   * One forward pass per paper: `paper` equals `embed([title + "\n" + abstract])[0]`, and each
   * sentence vector is mean-pooled over that sentence's tokens in the same pass.
   */
  embedPapers(papers: readonly PaperToEmbed[]): Promise<PaperEmbedding[]>;
  /** Token counts as the model sees them (special tokens included, capped at `maxTokens`). */
  countTokens(texts: readonly string[]): number[];
}

/** A paper to embed in one pass: its sentences as [start, end) offsets into `abstract`. */
export interface PaperToEmbed {
  title: string;
  abstract: string;
  sentences: readonly (readonly [number, number])[];
}

/** A paper's vector and one vector per sentence, all unit length. */
export interface PaperEmbedding {
  paper: Float32Array;
  sentences: Float32Array[];
}
