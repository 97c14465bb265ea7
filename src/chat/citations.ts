import {
  citationGroups,
  itemNumbers,
  unfinishedCitationStart,
} from "../contract/citation-grammar.ts";

/** A held-back tail longer than this cannot be a citation; it is released as it is. */
const MAX_OPEN_CITATION = 24;

/** One whitespace character just before `index`, which goes with a citation removed there. */
const spaceBefore = (text: string, index: number) =>
  index > 0 && /\s/.test(text[index - 1]!) ? 1 : 0;

/**
 * Removes citations that point at no source (`[n]` with n outside 1..sourceCount, or a range
 * reaching outside it), with the space before them; a group such as `[2, 9]` keeps its valid
 * items (`[2]`).
 *
 * @example
 * removeInventedCitations("Fast [1] and small [7]; see [1-9].", 3); // "Fast [1] and small; see."
 */
export function removeInventedCitations(text: string, sourceCount: number): string {
  let kept = "";
  let cursor = 0;
  for (const group of citationGroups(text)) {
    const valid = group.items.filter((item) => itemNumbers(item, sourceCount));
    if (valid.length === 0) {
      kept += text.slice(cursor, group.start - spaceBefore(text, group.start));
    } else {
      kept += `${text.slice(cursor, group.start)}[${valid.map((item) => item.text).join(", ")}]`;
    }
    cursor = group.end;
  }
  return kept + text.slice(cursor);
}

/** Removes invented citations from streamed text, holding back a citation split across deltas. */
export interface CitationFilter {
  /** Feeds a delta; returns the text that is safe to show now. */
  push(delta: string): string;
  /** Returns whatever was held back (call once the stream ends). */
  flush(): string;
}

/**
 * A streaming {@link removeInventedCitations}: `[1` + `2]` is judged as `[12]`.
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
      const open = unfinishedCitationStart(text);
      const start = open === undefined ? text.length : open - spaceBefore(text, open);
      const cut = text.length - start <= MAX_OPEN_CITATION ? start : text.length;
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
