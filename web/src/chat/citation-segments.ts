export type AnswerSegment =
  | { kind: "text"; text: string; start: number }
  | { kind: "citation"; text: string; start: number; numbers: number[] };

/** `[1]`, `[2, 3]`, `[1,2]`, `[1-3]`. */
const CITATION = /\[(\d+(?:\s*[,–-]\s*\d+)*)\]/g;

function citedNumbers(inside: string): number[] {
  const numbers: number[] = [];
  for (const item of inside.split(",")) {
    const [from, to] = item.split(/[–-]/).map((n) => Number.parseInt(n, 10));
    if (from === undefined) continue;
    const last = to !== undefined && to >= from && to - from < 50 ? to : from;
    for (let n = from; n <= last; n += 1) numbers.push(n);
  }
  return [...new Set(numbers)];
}

/**
 * Splits an answer into plain text and `[n]` citations. Only numbers that name one of the
 * `sourceCount` sources count as citations; anything else (`[0]`, `[42]`) stays text.
 *
 * @example
 * citationSegments("Graphs help [1].", 2);
 * // [{ kind: "text", text: "Graphs help ", start: 0 },
 * //  { kind: "citation", text: "[1]", start: 12, numbers: [1] }, { kind: "text", text: ".", start: 15 }]
 */
export function citationSegments(answer: string, sourceCount: number): AnswerSegment[] {
  const segments: AnswerSegment[] = [];
  let cursor = 0;
  for (const match of answer.matchAll(CITATION)) {
    const numbers = citedNumbers(match[1]!);
    if (!numbers.every((n) => n >= 1 && n <= sourceCount)) continue;
    if (match.index > cursor) {
      segments.push({ kind: "text", text: answer.slice(cursor, match.index), start: cursor });
    }
    segments.push({ kind: "citation", text: match[0], start: match.index, numbers });
    cursor = match.index + match[0].length;
  }
  if (cursor < answer.length) {
    segments.push({ kind: "text", text: answer.slice(cursor), start: cursor });
  }
  return segments;
}
