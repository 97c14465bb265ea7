import type { Sentence } from "./types.ts";

/** Sentence ends (runs of . ! ? …) and paragraph breaks (a blank line). */
const BOUNDARY_CANDIDATE = /[.!?\u2026]+|\n[^\S\n]*\n/g;
/** Characters that close a sentence after its full stop: quotes and brackets. */
const CLOSERS = new Set([")", "]", "}", '"', "'", "\u201d", "\u2019", "\u00bb"]);
/** Characters that may open a sentence before its first word. */
const OPENERS = new Set(["(", "[", "{", '"', "'", "`", "\u201c", "\u2018", "\u00ab"]);
/** Abbreviations that are (almost) never the last word of a sentence. */
const ABBREVIATIONS = new Set([
  "approx",
  "cf",
  "dr",
  "eq",
  "eqs",
  "fig",
  "figs",
  "jr",
  "mr",
  "mrs",
  "ms",
  "prof",
  "ref",
  "refs",
  "resp",
  "sec",
  "secs",
  "sect",
  "sr",
  "tab",
  "viz",
  "vs",
]);
/** Abbreviations that end a sentence unless a number or a bracket follows (`et al. (2020)`, `No. 5`). */
const ABBREVIATIONS_BEFORE_NUMBERS = new Set(["al", "ch", "no", "nos", "p", "pp", "vol"]);
/** Dotted abbreviations such as `e.g`, `i.e`, `U.S`, `w.r.t` (the final dot is the candidate). */
const DOTTED_ABBREVIATION = /^(?:\p{L}\.)+\p{L}$/u;
const SINGLE_CAPITAL = /^\p{Lu}$/u;
const UPPERCASE = /^\p{Lu}/u;
/** A word written in lowercase-first mixed case, like `mAP` or `iPhone`, that may start a sentence. */
const MIXED_CASE_WORD = /^\p{Ll}[\p{L}\p{N}-]*\p{Lu}/u;
const WHITESPACE = /\s/;

/**
 * Splits an abstract into sentences whose offsets point back into it:
 * `abstract.slice(s.start, s.end) === s.text` and `text` is trimmed. Splits after `?`, `!`, and
 * after a full stop that is followed by whitespace and the start of a new sentence (a capital, a
 * digit, or a quote/bracket before one), keeping closing quotes and brackets with the sentence
 * they close. Does not split inside abbreviations (`e.g.`, `i.e.`, `et al.`, `Fig. 1`, `vs.`,
 * `approx.`), initials (`J. Smith`), decimals, version numbers, URLs or e-mail addresses.
 * Blank lines always end a sentence.
 *
 * @example
 * splitSentences("We use e.g. CNNs. It works!").map((s) => s.text);
 * // ["We use e.g. CNNs.", "It works!"]
 */
export function splitSentences(abstract: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  for (const match of abstract.matchAll(BOUNDARY_CANDIDATE)) {
    const term = match[0];
    if (term.charCodeAt(0) === 10) {
      pushTrimmed(sentences, abstract, start, match.index);
      start = match.index + term.length;
      continue;
    }
    let end = match.index + term.length;
    while (end < abstract.length && CLOSERS.has(abstract.charAt(end))) end++;
    if (end < abstract.length && !isWhitespace(abstract.charAt(end))) continue;
    if (!endsSentence(abstract, match.index, term, end)) continue;
    pushTrimmed(sentences, abstract, start, end);
    start = end;
  }
  pushTrimmed(sentences, abstract, start, abstract.length);
  return sentences;
}

/** Whether the terminator `term` at `at`, whose sentence would end at `end`, really ends one. */
function endsSentence(text: string, at: number, term: string, end: number): boolean {
  let next = end;
  while (next < text.length && isWhitespace(text.charAt(next))) next++;
  if (next === text.length || /[!?]/.test(term)) return true;
  const following = text.slice(next, next + 40);
  const startsWithNumberOrBracket = /^[\p{N}([{]/u.test(following);
  if (!startsNewSentence(following)) return false;
  const word = wordBefore(text, at);
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower) || DOTTED_ABBREVIATION.test(word) || SINGLE_CAPITAL.test(word)) {
    return false;
  }
  return !(ABBREVIATIONS_BEFORE_NUMBERS.has(lower) && startsWithNumberOrBracket);
}

/** A capital or digit, optionally after an opening quote or bracket, or a word like `mAP`. */
function startsNewSentence(following: string): boolean {
  let first = following;
  while (first !== "" && OPENERS.has(first.charAt(0))) first = first.slice(1);
  return UPPERCASE.test(first) || /^\p{N}/u.test(first) || MIXED_CASE_WORD.test(first);
}

/** The word right before position `at`, without opening quotes or brackets. */
function wordBefore(text: string, at: number): string {
  let from = at;
  while (from > 0) {
    const char = text.charAt(from - 1);
    if (isWhitespace(char) || OPENERS.has(char)) break;
    from--;
  }
  return text.slice(from, at);
}

function isWhitespace(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return WHITESPACE.test(char);
}

function pushTrimmed(sentences: Sentence[], text: string, from: number, to: number): void {
  let start = from;
  let end = to;
  while (start < end && isWhitespace(text.charAt(start))) start++;
  while (end > start && isWhitespace(text.charAt(end - 1))) end--;
  if (start < end) sentences.push({ text: text.slice(start, end), start, end });
}
