import type { StoredPaper } from "./paper-store.ts";

/**
 * A paper on its way into a store, with what was computed for it at index time (see
 * {@link paperRecordOf}): plain data, the same for every store.
 */
export interface PaperRecord {
  paper: StoredPaper;
  /** Search terms of the title and of the abstract (see {@link tokenize}). */
  titleTerms: readonly string[];
  abstractTerms: readonly string[];
  /** Packed term hashes of each sentence (see {@link packSentenceTerms}). */
  sentenceTerms: Uint32Array;
  /** One byte of role flags per sentence (see `SENTENCE_ROLE`). */
  sentenceRoles: Uint8Array;
  /** Hash of the text the model embeds (see {@link paperText}): the key of finished model work. */
  contentHash: string;
}
