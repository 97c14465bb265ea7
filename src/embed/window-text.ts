/** The part of a transformers.js tokenizer that cutting to the window needs. */
export type WindowTokenizer = {
  encode(text: string): number[];
  decode(ids: number[], options: { clean_up_tokenization_spaces: boolean }): string;
};

/**
 * Cuts texts to the model's window the way sentence-transformers does: the first
 * `maxTokens − 2` tokens, then the closing `[SEP]`. transformers.js instead cuts the encoded
 * sequence at `maxTokens`, dropping `[SEP]`, which shifts every long text's vector (cosine
 * ≈ 0.999 to the Python model's instead of 1). A text that fits is returned unchanged; a longer
 * one is replaced by the decoded text of the tokens that fit, which encodes to exactly them.
 *
 * @example
 * const fit = windowText(extractor.tokenizer, 256);
 * await extractor(texts.map(fit), { pooling: "mean", normalize: true });
 */
export function windowText(
  tokenizer: WindowTokenizer,
  maxTokens: number,
): (text: string) => string {
  const specials = tokenizer.encode("").length;
  const leading = Math.min(specials, 1);
  return (text) => {
    // A text of n characters has at most n tokens besides the special ones.
    if (text.length + specials <= maxTokens) return text;
    const ids = tokenizer.encode(text);
    if (ids.length <= maxTokens) return text;
    const kept = ids.slice(leading, leading + maxTokens - specials);
    return tokenizer.decode(kept, { clean_up_tokenization_spaces: false });
  };
}
