/** The longest collection name, in characters (code points). */
export const MAX_COLLECTION_NAME_CHARS = 100;

/** Control characters (C0, DEL, C1) and the line and paragraph separators. */
const FORBIDDEN = "\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029";
/** JavaScript's whitespace (what `trim` removes) beyond the control characters, spelled out. */
const SPACES = " \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000\\ufeff";

/**
 * A collection name as a regular expression that JavaScript and Python (the API fuzzer) read
 * alike: no control characters or line separators (a guard refuses any newline first, since
 * Python's `$` also matches before one), no whitespace at either end, not "." or ".." (a URL
 * path cannot carry those as a segment). Length and lone surrogates are checked apart.
 */
export const COLLECTION_NAME_PATTERN = `^(?![^\\n]*\\n)(?!\\.\\.?$)[^${FORBIDDEN}${SPACES}](?:[^${FORBIDDEN}]*[^${FORBIDDEN}${SPACES}])?$`;

const NAME = new RegExp(COLLECTION_NAME_PATTERN);
const ALLOWED_CHARACTERS = new RegExp(`^[^${FORBIDDEN}]*$`);
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * What is wrong with a collection name, as the end of a sentence ("must …"); undefined when it
 * is valid. Names are case-sensitive and may hold anything else (`/` too: URLs carry them
 * percent-encoded). The server, the command line and the page check names with it alike.
 *
 * @example
 * collectionNameProblem("Reading list"); // undefined
 * collectionNameProblem(" x"); // "must not start or end with whitespace"
 */
export function collectionNameProblem(name: string): string | undefined {
  if (name.trim() === "") return "must not be empty";
  if ([...name].length > MAX_COLLECTION_NAME_CHARS) {
    return `must be at most ${MAX_COLLECTION_NAME_CHARS} characters`;
  }
  if (!ALLOWED_CHARACTERS.test(name) || LONE_SURROGATE.test(name)) {
    return "must not hold control characters, line separators or lone surrogates";
  }
  if (name.trim() !== name) return "must not start or end with whitespace";
  if (!NAME.test(name)) return 'must not be "." or ".."';
  return undefined;
}
