/**
 * Words that carry no topic on their own. Kept short on purpose: scientific words such as
 * "learning" or "network" stay, BM25's IDF already discounts them.
 */
const STOPWORDS = new Set(
  "a an and are as at be been but by can do does for from has have how i in into is it its of on or our over so such than that the their them then there these this those to under using via was we were what when where which while who why will with within without you your".split(
    " ",
  ),
);

/** Folds a simple English plural/verb ending so "networks" meets "network". */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s")) {
    const before = word[word.length - 2];
    if (before !== "s" && before !== "u" && before !== "i") return word.slice(0, -1);
  }
  return word;
}

/**
 * Words as the search tokenizer sees them, with their inner hyphens: "cross-scale", "tabpfn",
 * "3d". Global: use it with `matchAll`, which leaves it untouched.
 *
 * @example
 * [..."cross-scale 3d".matchAll(WORD_PATTERN)].map(([word]) => word); // ["cross-scale", "3d"]
 */
export const WORD_PATTERN = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
/** Any character beyond ASCII (then accents need folding). */
const NON_ASCII = /[^\p{ASCII}]/u;
const MARKS = /\p{M}+/gu;

/** A search term worth keeping: not a stopword, not a lone letter (the tail of "model's"). */
function keeps(part: string): boolean {
  if (part.length === 1) return part >= "0" && part <= "9";
  return !STOPWORDS.has(part);
}

/**
 * Splits text into normalised search terms: lower-cased, accents folded, split on anything
 * that is not a letter or digit, stopwords and lone letters dropped, light stemming. Acronyms
 * such as "TabPFN" stay whole ("tabpfn"); hyphenated words also yield their joined form.
 * It runs over every abstract at index time and over snippets at query time, so ASCII text
 * (the common case) skips Unicode normalisation.
 *
 * @example
 * tokenize("Graph Convolutional Networks for TabPFN-like models");
 * // ["graph", "convolutional", "network", "tabpfn", "like", "tabpfnlike", "model"]
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  const plain = NON_ASCII.test(text) ? text.normalize("NFKD").replace(MARKS, "") : text;
  for (const [word] of plain.toLowerCase().matchAll(WORD_PATTERN)) {
    if (!word.includes("-")) {
      if (keeps(word)) terms.push(stem(word));
      continue;
    }
    const parts = word.split("-");
    for (const part of parts) if (keeps(part)) terms.push(stem(part));
    terms.push(parts.join(""));
  }
  return terms;
}
