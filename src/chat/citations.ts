/** One item of a citation group: a number or a range (`3`, `1-3`, `1–3`). */
const ITEM = String.raw`\s*\d+(?:\s*[-–]\s*\d+)?\s*`;
/** A citation group as models write them: `[1]`, `[2, 3]`, `[1-3]`, with the space before it. */
const CITATION = new RegExp(String.raw`(\s?)\[(${ITEM}(?:,${ITEM})*)\]`, "g");
/** The end of a text that may be the start of a citation still being streamed. */
const OPEN_CITATION = /\s?\[[\d,\s\-–]*$/;

/** The numbers an item names, or undefined when it is not a range of sources 1..count. */
function itemNumbers(item: string, count: number): number[] | undefined {
  const [from, to = from] = item.split(/[-–]/).map((n) => Number(n.trim()));
  if (!(from! >= 1 && from! <= to! && to! <= count)) return undefined;
  return Array.from({ length: to! - from! + 1 }, (_, i) => from! + i);
}
/** A held-back tail longer than this cannot be a citation; it is released as it is. */
const MAX_OPEN_CITATION = 24;

/**
 * The source numbers a text cites, in order of appearance (repeats kept; ranges expanded;
 * a range running backwards names nothing).
 *
 * @example
 * citedNumbers("A [1]. B [2, 3]. C [4-5]."); // [1, 2, 3, 4, 5]
 */
export function citedNumbers(text: string): number[] {
  return [...text.matchAll(CITATION)].flatMap((match) =>
    match[2]!.split(",").flatMap((item) => itemNumbers(item, Number.MAX_SAFE_INTEGER) ?? []),
  );
}

/**
 * Removes citations that point at no source (`[n]` with n outside 1..sourceCount, or a range
 * reaching outside it); a group such as `[2, 9]` keeps its valid items (`[2]`).
 *
 * @example
 * removeInventedCitations("Fast [1] and small [7]; see [1-9].", 3); // "Fast [1] and small; see."
 */
export function removeInventedCitations(text: string, sourceCount: number): string {
  return text.replace(CITATION, (_, space: string, group: string) => {
    const valid = group
      .split(",")
      .filter((item) => itemNumbers(item, sourceCount))
      .map((item) => item.trim().replace(/\s*([-–])\s*/, "$1"));
    return valid.length === 0 ? "" : `${space}[${valid.join(", ")}]`;
  });
}

/** Removes invented citations from streamed text, holding back a citation split across deltas. */
export interface CitationFilter {
  /** Feeds a delta; returns the text that is safe to show now. */
  push(delta: string): string;
  /** Returns whatever was held back (call once the stream ends). */
  flush(): string;
}

/**
 * A streaming `removeInventedCitations`: `[1` + `2]` is judged as `[12]`.
 *
 * @example
 * const filter = createCitationFilter(3);
 * filter.push("Fast [") + filter.push("7] and small [2].") + filter.flush(); // "Fast and small [2]."
 */
export function createCitationFilter(sourceCount: number): CitationFilter {
  let pending = "";
  return {
    push(delta) {
      const text = pending + delta;
      const open = OPEN_CITATION.exec(text);
      const cut = open && text.length - open.index <= MAX_OPEN_CITATION ? open.index : text.length;
      pending = text.slice(cut);
      return removeInventedCitations(text.slice(0, cut), sourceCount);
    },
    flush() {
      const rest = removeInventedCitations(pending, sourceCount);
      pending = "";
      return rest;
    },
  };
}
