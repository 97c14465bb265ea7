/** One item of a citation group: a number or a range of numbers. */
export interface CitationItem {
  from: number;
  /** Equals `from` for a single number. */
  to: number;
  /** The item as written, without spaces: `3`, `1-3` (for `1 - 3`), `1–3`. */
  text: string;
}

/** A citation group in a text, such as `[2, 4-6]`. */
export interface CitationGroup {
  /** The group as written, brackets included. */
  text: string;
  /** Offset of `[` in the text (UTF-16 units). */
  start: number;
  /** Offset just past `]`. */
  end: number;
  items: CitationItem[];
}

/** A number (`3`) or a range (`1-3`, `1–3`, `1 - 3`). */
const ITEM = String.raw`(\d+)(?:\s*([-–])\s*(\d+))?`;
/** Without its groups, to repeat inside a group. */
const ITEM_SHAPE = String.raw`\d+(?:\s*[-–]\s*\d+)?`;
/**
 * A citation group as answers write them: items separated by commas, nothing else inside the
 * brackets (`[1]`, `[2, 3]`, `[1,3]`, `[1-3]`, `[1 - 2, 4]`; not `[ 1 ]`, `[1,]`, `[1.5]`, `[a]`).
 */
const GROUP = new RegExp(String.raw`\[${ITEM_SHAPE}(?:\s*,\s*${ITEM_SHAPE})*\]`, "g");
const ITEMS = new RegExp(ITEM, "g");
/** The end of a text that may still become a citation group as more text arrives. */
const UNFINISHED_GROUP = /\[[\d,\s\-–]*$/;

/**
 * The citation groups of a text, in order, with their items read. Whether an item names one of
 * the sources is left to the caller ({@link itemNumbers}).
 *
 * @example
 * citationGroups("Fast [1], small [2, 4-5].").map((group) => group.text); // ["[1]", "[2, 4-5]"]
 */
export function citationGroups(text: string): CitationGroup[] {
  return [...text.matchAll(GROUP)].map((match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
    items: [...match[0].matchAll(ITEMS)].map(([, from, dash, to]) => ({
      from: Number(from),
      to: Number(to ?? from),
      text: dash === undefined ? from! : `${from}${dash}${to}`,
    })),
  }));
}

/**
 * The source numbers an item names, or undefined when it is not within sources 1..`sourceCount`
 * (citation zero, a number past the sources, a range reaching past them or running backwards).
 *
 * @example
 * itemNumbers({ from: 2, to: 4, text: "2-4" }, 5); // [2, 3, 4]
 * itemNumbers({ from: 2, to: 4, text: "2-4" }, 3); // undefined
 */
export function itemNumbers(item: CitationItem, sourceCount: number): number[] | undefined {
  const { from, to } = item;
  if (!(from >= 1 && from <= to && to <= sourceCount)) return undefined;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * The source numbers a text cites, in order of appearance (repeats kept; ranges expanded;
 * a range running backwards names nothing).
 *
 * @example
 * citedNumbers("A [1]. B [2, 3]. C [4-5]."); // [1, 2, 3, 4, 5]
 */
export function citedNumbers(text: string): number[] {
  return citationGroups(text).flatMap((group) =>
    group.items.flatMap((item) => itemNumbers(item, Number.MAX_SAFE_INTEGER) ?? []),
  );
}

/**
 * Where the end of a streamed text may be a citation group still being written (`… [1`, `… [2,`),
 * or undefined when it cannot be one.
 *
 * @example
 * unfinishedCitationStart("Fast [1-"); // 5
 * unfinishedCitationStart("Fast [1]"); // undefined
 */
export function unfinishedCitationStart(text: string): number | undefined {
  return UNFINISHED_GROUP.exec(text)?.index;
}
