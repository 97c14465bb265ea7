/** BERT's special tokens, in id order: [PAD] is 0. */
export const SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

/** The prefix WordPiece puts on a piece that continues a word. */
export const CONTINUING_PREFIX = "##";

// What BERT's basic tokenizer splits off as its own token.
const PUNCTUATION = /[\p{P}\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/u;
const CJK =
  /[\u{4e00}-\u{9fff}\u{3400}-\u{4dbf}\u{20000}-\u{2a6df}\u{2a700}-\u{2ceaf}\u{f900}-\u{faff}\u{2f800}-\u{2fa1f}]/u;
const SPLIT_OFF = new RegExp(`(${PUNCTUATION.source}|${CJK.source})`, "u");
const CONTROL = /[\p{Cc}\p{Cf}]/gu;
const COMBINING_MARK = /\p{Mn}/gu;

/**
 * Splits text the way BERT's basic tokenizer does with `do_lower_case`: drops control
 * characters, lower-cases, strips accents, splits on whitespace, then splits off every
 * punctuation and CJK character.
 *
 * @example
 * basicTokens("Graph-based GNNs, naïvely."); // ["graph", "-", "based", "gnns", ",", "naively", "."]
 */
export function basicTokens(text: string): string[] {
  const normalized = text
    .replace(CONTROL, " ")
    .toLowerCase()
    .normalize("NFD")
    .replace(COMBINING_MARK, "");
  return normalized
    .split(/\s+/u)
    .flatMap((word) => word.split(SPLIT_OFF))
    .filter((token) => token.length > 0);
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The corpus's words of two or more characters, most frequent first, ties alphabetical.
 *
 * @example
 * wordsByFrequency("Graph graph nets"); // ["graph", "nets"]
 */
export function wordsByFrequency(text: string): string[] {
  const counts = new Map<string, number>();
  for (const token of basicTokens(text)) {
    if ([...token].length > 1) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a, countA], [b, countB]) => countB - countA || byCodePoint(a, b))
    .map(([word]) => word);
}

/**
 * Every character a word can be spelled with: printable ASCII (lower-cased) plus whatever else
 * the corpus uses, in code-point order.
 *
 * @example
 * corpusCharacters("É!").includes("e"); // true
 */
export function corpusCharacters(text: string): string[] {
  const ascii = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i));
  const characters = new Set([...ascii.map((c) => c.toLowerCase()), ...basicTokens(text).join("")]);
  return [...characters].sort(byCodePoint);
}

export type VocabularyOptions = {
  /** Characters that must spell any word (single tokens and `##` continuations). */
  characters: string[];
  /** Whole words, in the order they get ids. */
  words: string[];
  /** Pad with `[unusedN]` tokens up to this many entries. */
  padToSize?: number;
};

/**
 * The WordPiece vocabulary, index = token id: specials, characters, `##` characters, words,
 * then `[unusedN]` padding.
 *
 * @example
 * buildVocabulary({ characters: ["a", "b"], words: ["ab"] });
 * // ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "b", "##a", "##b", "ab"]
 */
export function buildVocabulary(options: VocabularyOptions): string[] {
  const continuations = options.characters
    .filter((character) => !SPLIT_OFF.test(character))
    .map((character) => CONTINUING_PREFIX + character);
  const tokens = [
    ...new Set([...SPECIAL_TOKENS, ...options.characters, ...continuations, ...options.words]),
  ];
  const size = options.padToSize ?? tokens.length;
  if (tokens.length > size) {
    throw new Error(`The vocabulary has ${tokens.length} tokens, more than its size ${size}`);
  }
  const padding = Array.from({ length: size - tokens.length }, (_, n) => `[unused${n}]`);
  return [...tokens, ...padding];
}
