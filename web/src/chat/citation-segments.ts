import { citationGroups, itemNumbers } from "@contract/citation-grammar.ts";

export type AnswerSegment =
  | { kind: "text"; text: string; start: number }
  | { kind: "citation"; text: string; start: number; numbers: number[] };

/**
 * Splits an answer into plain text and `[n]` citations. A group counts as a citation only when
 * every item in it names one of the `sourceCount` sources; anything else (`[0]`, `[42]`,
 * `[1-60]`, `[3-1]`) stays text. A citation's numbers are listed once each, in order.
 *
 * @example
 * citationSegments("Graphs help [1].", 2);
 * // [{ kind: "text", text: "Graphs help ", start: 0 },
 * //  { kind: "citation", text: "[1]", start: 12, numbers: [1] }, { kind: "text", text: ".", start: 15 }]
 */
export function citationSegments(answer: string, sourceCount: number): AnswerSegment[] {
  const segments: AnswerSegment[] = [];
  let cursor = 0;
  for (const group of citationGroups(answer)) {
    const named = group.items.map((item) => itemNumbers(item, sourceCount));
    if (named.some((numbers) => numbers === undefined)) continue;
    if (group.start > cursor) {
      segments.push({ kind: "text", text: answer.slice(cursor, group.start), start: cursor });
    }
    const numbers = [...new Set(named.flatMap((item) => item ?? []))];
    segments.push({ kind: "citation", text: group.text, start: group.start, numbers });
    cursor = group.end;
  }
  if (cursor < answer.length) {
    segments.push({ kind: "text", text: answer.slice(cursor), start: cursor });
  }
  return segments;
}
