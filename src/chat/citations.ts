/** A citation group as models write them: `[1]`, `[2, 3]`, with the space before it. */
const CITATION = /(\s?)\[(\s*\d+(?:\s*,\s*\d+)*\s*)\]/g;
/** The end of a text that may be the start of a citation still being streamed. */
const OPEN_CITATION = /\s?\[[\d,\s]*$/;
/** A held-back tail longer than this cannot be a citation; it is released as it is. */
const MAX_OPEN_CITATION = 24;

/**
 * The source numbers a text cites, in order of appearance (repeats kept).
 *
 * @example
 * citedNumbers("A [1]. B [2, 3]."); // [1, 2, 3]
 */
export function citedNumbers(text: string): number[] {
  return [...text.matchAll(CITATION)].flatMap((match) =>
    match[2]!.split(",").map((n) => Number(n.trim())),
  );
}

/**
 * Removes citations that point at no source (`[n]` with n outside 1..sourceCount); a group
 * such as `[2, 9]` keeps its valid numbers (`[2]`).
 *
 * @example
 * removeInventedCitations("Fast [1] and small [7].", 3); // "Fast [1] and small."
 */
export function removeInventedCitations(text: string, sourceCount: number): string {
  return text.replace(CITATION, (_, space: string, group: string) => {
    const valid = group
      .split(",")
      .map((n) => Number(n.trim()))
      .filter((n) => Number.isInteger(n) && n >= 1 && n <= sourceCount);
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
