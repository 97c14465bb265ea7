import type { TextSegment } from "./term-segments.ts";

export interface TextRange {
  start: number;
  end: number;
}

/**
 * Splits text into stretches inside and outside the given character ranges (overlapping or
 * unsorted ranges are merged; ranges beyond the text are clipped). Joining the segments' text
 * gives back `text` exactly.
 *
 * @example
 * rangeSegments("One. Two. Three.", [{ start: 5, end: 9 }]);
 * // [{ text: "One. ", start: 0, marked: false }, { text: "Two.", start: 5, marked: true },
 * //  { text: " Three.", start: 9, marked: false }]
 */
export function rangeSegments(text: string, ranges: readonly TextRange[]): TextSegment[] {
  const sorted = ranges
    .map(({ start, end }) => ({ start: Math.max(0, start), end: Math.min(text.length, end) }))
    .filter(({ start, end }) => start < end)
    .sort((a, b) => a.start - b.start);
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const { start, end } of sorted) {
    if (end <= cursor) continue;
    if (start > cursor)
      segments.push({ text: text.slice(cursor, start), start: cursor, marked: false });
    const from = Math.max(start, cursor);
    const last = segments.at(-1);
    if (last?.marked && from === cursor) last.text += text.slice(from, end);
    else segments.push({ text: text.slice(from, end), start: from, marked: true });
    cursor = end;
  }
  if (cursor < text.length)
    segments.push({ text: text.slice(cursor), start: cursor, marked: false });
  return segments;
}

/**
 * Where each snippet sits in the abstract: its own offsets when they hold the snippet verbatim,
 * otherwise the first place its text occurs (snippets that cannot be found are left out).
 *
 * @example
 * locateSnippets("A. B.", [{ text: "B.", start: 3, end: 5 }]); // [{ start: 3, end: 5 }]
 */
export function locateSnippets(
  abstract: string,
  snippets: readonly { text: string; start: number; end: number }[],
): TextRange[] {
  return snippets.flatMap(({ text, start, end }) => {
    if (abstract.slice(start, end) === text) return [{ start, end }];
    const at = text ? abstract.indexOf(text) : -1;
    return at < 0 ? [] : [{ start: at, end: at + text.length }];
  });
}
