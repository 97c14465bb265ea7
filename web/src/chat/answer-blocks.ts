/** The small Markdown subset answers use: paragraphs, bullet or numbered lists, **bold**, _em_, `code`. */
/** A line of the answer and where it sits (its line number, a stable key while streaming). */
export interface AnswerLineText {
  text: string;
  line: number;
}

interface AnswerList {
  kind: "list";
  line: number;
  items: AnswerLineText[];
}

/** A numbered list keeps the number its first item had (`start`), as `<ol start>` does. */
export type AnswerBlock =
  | ({ kind: "paragraph" } & AnswerLineText)
  | ({ ordered: false } & AnswerList)
  | ({ ordered: true; start: number } & AnswerList);

export interface InlineSpan {
  kind: "text" | "strong" | "em" | "code";
  text: string;
  /** Offset in the line. */
  start: number;
}

const LIST_ITEM = /^\s*(?:([-*•])|(\d+)[.)])\s+(.*)$/;
/**
 * `**strong**`, `` `code` ``, `_em_` or `*em*`. As in CommonMark, a marker followed by a space
 * cannot open a span and one preceded by a space cannot close it (`2 * 3 * 4` is plain text),
 * and `_` closes only `_`, `*` only `*`.
 */
const INLINE =
  /\*\*(?!\s)(.+?)(?<!\s)\*\*|`([^`\n]+)`|(?<![\p{L}\p{N}_*])([_*])(?!\s)([^_*\n]+)(?<!\s)\3(?![\p{L}\p{N}_*])/gu;

/**
 * Splits an answer into paragraphs and lists: blank lines end a paragraph, lines starting with
 * `- `, `* ` or `1. ` are list items. A numbered list starts at its first item's number, so one
 * that a line of bullets splits (`1. a`, `   - sub`, `2. b`) goes on counting where it was.
 * Text that is not Markdown comes back as one paragraph.
 *
 * @example
 * answerBlocks("Papers say:\n\n- A [1]\n- B [2]");
 * // [{ kind: "paragraph", text: "Papers say:", line: 0 },
 * //  { kind: "list", ordered: false, line: 2,
 * //    items: [{ text: "A [1]", line: 2 }, { text: "B [2]", line: 3 }] }]
 */
export function answerBlocks(answer: string): AnswerBlock[] {
  const blocks: AnswerBlock[] = [];
  let paragraph: string[] = [];
  let paragraphLine = 0;
  const endParagraph = () => {
    if (paragraph.length > 0) {
      blocks.push({ kind: "paragraph", text: paragraph.join("\n"), line: paragraphLine });
    }
    paragraph = [];
  };
  for (const [line, content] of answer.split("\n").entries()) {
    const item = LIST_ITEM.exec(content);
    if (item) {
      endParagraph();
      const number = item[2];
      const entry = { text: item[3]!, line };
      const last = blocks.at(-1);
      if (last?.kind === "list" && last.ordered === (number !== undefined)) {
        last.items.push(entry);
      } else {
        const list: AnswerList = { kind: "list", line, items: [entry] };
        blocks.push(
          number === undefined
            ? { ...list, ordered: false }
            : { ...list, ordered: true, start: Number.parseInt(number, 10) },
        );
      }
    } else if (content.trim() === "") {
      endParagraph();
    } else {
      if (paragraph.length === 0) paragraphLine = line;
      paragraph.push(content);
    }
  }
  endParagraph();
  return blocks;
}

/**
 * Splits a line of an answer into plain, **strong**, _em_ and `code` spans (markers removed).
 *
 * @example
 * inlineSpans("**LightGCN**: simple [1]");
 * // [{ kind: "strong", text: "LightGCN", start: 0 }, { kind: "text", text: ": simple [1]", start: 12 }]
 */
export function inlineSpans(line: string): InlineSpan[] {
  const spans: InlineSpan[] = [];
  let cursor = 0;
  for (const match of line.matchAll(INLINE)) {
    if (match.index > cursor) {
      spans.push({ kind: "text", text: line.slice(cursor, match.index), start: cursor });
    }
    const [strong, code, , em] = match.slice(1);
    const span: Pick<InlineSpan, "kind" | "text"> =
      strong !== undefined
        ? { kind: "strong", text: strong }
        : code !== undefined
          ? { kind: "code", text: code }
          : { kind: "em", text: em! };
    spans.push({ ...span, start: match.index });
    cursor = match.index + match[0].length;
  }
  if (cursor < line.length) spans.push({ kind: "text", text: line.slice(cursor), start: cursor });
  return spans;
}
