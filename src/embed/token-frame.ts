/** The special token ids a tokenizer puts around one sequence (BERT: `[CLS]` … `[SEP]`). */
export interface TokenFrame {
  prefix: readonly number[];
  suffix: readonly number[];
}

/** The part of a tokenizer `tokenFrame` needs: transformers.js' `PreTrainedTokenizer.encode`. */
export interface EncodingTokenizer {
  encode(text: string, options?: { add_special_tokens?: boolean }): number[];
}

/** A text every vocabulary tokenizes to at least one token. */
const PROBE = "a";

/**
 * Finds the special tokens a tokenizer adds around a single text, by encoding a probe with and
 * without them: `encode(t) = [...prefix, ...encode(t, no specials), ...suffix]`.
 *
 * @example
 * tokenFrame(extractor.tokenizer); // { prefix: [101], suffix: [102] } for BERT
 */
export function tokenFrame(tokenizer: EncodingTokenizer): TokenFrame {
  const content = tokenizer.encode(PROBE, { add_special_tokens: false });
  const full = tokenizer.encode(PROBE);
  for (let at = 0; at + content.length <= full.length; at++) {
    if (content.every((id, i) => full[at + i] === id)) {
      return { prefix: full.slice(0, at), suffix: full.slice(at + content.length) };
    }
  }
  throw new Error(
    `The tokenizer does not wrap a text in special tokens (${JSON.stringify(full)} does not contain ${JSON.stringify(content)}); embedPapers cannot lay out its passes. Use embed() for this model.`,
  );
}
