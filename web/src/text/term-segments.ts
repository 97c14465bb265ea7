import { tokenize, WORD_PATTERN } from "@contract/tokenize.ts";

export interface TextSegment {
  text: string;
  /** Offset of this stretch in the whole text. */
  start: number;
  /** Whether this stretch should be marked. */
  marked: boolean;
}

/**
 * The search terms of a question, normalised the way the search engine normalises them, so
 * "Graph networks" finds "graphs" and "network" in a snippet.
 *
 * @example
 * questionTerms("Which graph networks?"); // Set {"graph", "network"}
 */
export function questionTerms(question: string): ReadonlySet<string> {
  return new Set(tokenize(question));
}

/**
 * Splits text into alternating stretches, marking each word that shares a search term with
 * `terms`. Joining the segments' text gives back `text` exactly.
 *
 * @example
 * termSegments("Graph convolution for users", new Set(["graph"]));
 * // [{ text: "Graph", start: 0, marked: true },
 * //  { text: " convolution for users", start: 5, marked: false }]
 */
export function termSegments(text: string, terms: ReadonlySet<string>): TextSegment[] {
  const segments: TextSegment[] = [];
  const push = (start: number, end: number, marked: boolean) => {
    if (start >= end) return;
    const last = segments.at(-1);
    if (last && last.marked === marked) last.text += text.slice(start, end);
    else segments.push({ text: text.slice(start, end), start, marked });
  };
  let cursor = 0;
  if (terms.size > 0) {
    for (const match of text.matchAll(WORD_PATTERN)) {
      if (!tokenize(match[0]).some((term) => terms.has(term))) continue;
      const end = match.index + match[0].length;
      push(cursor, match.index, false);
      push(match.index, end, true);
      cursor = end;
    }
  }
  push(cursor, text.length, false);
  return segments;
}
