/** The small Markdown subset answers use: paragraphs, bullet or numbered lists, **bold**, `code`. */
/** A line of the answer and where it sits (its line number, a stable key while streaming). */
export interface AnswerLineText {
  text: string;
  line: number;
}

export type AnswerBlock =
  | ({ kind: "paragraph" } & AnswerLineText)
  | { kind: "list"; ordered: boolean; line: number; items: AnswerLineText[] };

export interface InlineSpan {
  kind: "text" | "strong" | "code";
  text: string;
  /** Offset in the line. */
  start: number;
}

const LIST_ITEM = /^\s*(?:([-*•])|(\d+)[.)])\s+(.*)$/;
const INLINE = /\*\*(.+?)\*\*|`([^`\n]+)`/g;

/**
 * Splits an answer into paragraphs and lists: blank lines end a paragraph, lines starting with
 * `- `, `* ` or `1. ` are list items. Text that is not Markdown comes back as one paragraph.
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
      const ordered = item[2] !== undefined;
      const entry = { text: item[3]!, line };
      const last = blocks.at(-1);
      if (last?.kind === "list" && last.ordered === ordered) last.items.push(entry);
      else blocks.push({ kind: "list", ordered, line, items: [entry] });
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
 * Splits a line of an answer into plain, **strong** and `code` spans (markers removed).
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
    const [kind, text] = match[1] !== undefined ? ["strong", match[1]] : ["code", match[2]!];
    spans.push({ kind: kind as InlineSpan["kind"], text, start: match.index });
    cursor = match.index + match[0].length;
  }
  if (cursor < line.length) spans.push({ kind: "text", text: line.slice(cursor), start: cursor });
  return spans;
}
