export type AnswerSegment =
  | { kind: "text"; text: string; start: number }
  | { kind: "citation"; text: string; start: number; numbers: number[] };

/** `[1]`, `[2, 3]`, `[1,2]`, `[1-3]`. */
const CITATION = /\[(\d+(?:\s*[,–-]\s*\d+)*)\]/g;

/**
 * The sources that the inside of a citation names (`2, 4-6`), or `undefined` when one of them
 * is not among the `sourceCount` sources or a range runs backwards.
 */
function citedNumbers(inside: string, sourceCount: number): number[] | undefined {
  const numbers = new Set<number>();
  for (const item of inside.split(",")) {
    const [from = 0, to = from] = item.split(/[–-]/).map((n) => Number.parseInt(n, 10));
    if (from < 1 || to < from || to > sourceCount) return undefined;
    for (let n = from; n <= to; n += 1) numbers.add(n);
  }
  return [...numbers];
}

/**
 * Splits an answer into plain text and `[n]` citations. Only numbers that name one of the
 * `sourceCount` sources count as citations; anything else (`[0]`, `[42]`, `[1-60]`, `[3-1]`)
 * stays text.
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
    const numbers = citedNumbers(match[1]!, sourceCount);
    if (numbers === undefined) continue;
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
