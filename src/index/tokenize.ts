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
  if (word.length > 3 && word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * Splits text into normalised search terms: lower-cased, accents folded, split on anything
 * that is not a letter or digit, stopwords and lone letters dropped, light stemming. Acronyms such as
 * "TabPFN" stay whole ("tabpfn"); hyphenated words also yield their joined form.
 *
 * @example
 * tokenize("Graph Convolutional Networks for TabPFN-like models");
 * // ["graph", "convolutional", "network", "tabpfn", "like", "tabpfnlike", "model"]
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  for (const chunk of folded.split(/[^\p{L}\p{N}-]+/u)) {
    const parts = chunk.split("-").filter(Boolean);
    for (const part of parts) {
      // A lone letter is the tail of a possessive or a contraction ("model's", "don't").
      if (!STOPWORDS.has(part) && !/^\p{L}$/u.test(part)) terms.push(stem(part));
    }
    if (parts.length > 1) terms.push(parts.join(""));
  }
  return terms;
}
