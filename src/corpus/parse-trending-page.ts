import { CorpusError } from "./corpus-error.ts";
import { paperId } from "./paper-id.ts";
import { stripBom } from "./strip-bom.ts";
import type { LocatedPaper } from "./types.ts";

/** A block of text between blank lines, with the 1-based line it starts on. */
interface Block {
  text: string;
  line: number;
}

/** Titles are one short line; longer blocks are prose. */
const TITLE_MAX_LENGTH = 300;
/** Abstracts are paragraphs: at least this many words. */
const ABSTRACT_MIN_WORDS = 30;

/**
 * Parses a saved "trending papers" web page: blocks separated by blank lines, where each paper
 * is a title block (one short line, not ending in a full stop) followed by an abstract block
 * (a paragraph). Blocks that are not part of such a pair (page chrome such as "Subscribe" or
 * a date, before, between or after the papers) are skipped. Lines inside a block are joined
 * with single spaces. Throws a {@link CorpusError} if the page holds no papers.
 *
 * @example
 * parseTrendingPage("Subscribe\n\nMar 11\n\nA Title\n\nA long abstract …\n", "page.txt");
 */
export function parseTrendingPage(text: string, file: string): LocatedPaper[] {
  const blocks = splitBlocks(stripBom(text));
  const papers: LocatedPaper[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const title = blocks[i];
    const abstract = blocks[i + 1];
    if (title === undefined || abstract === undefined) break;
    if (isTitle(title.text) && isAbstract(abstract.text)) {
      papers.push({
        paper: { id: paperId(title.text), title: title.text, abstract: abstract.text },
        file,
        line: title.line,
      });
      i++;
    }
  }
  if (papers.length === 0) {
    throw new CorpusError(
      "no papers found. A trending page needs title lines each followed by a blank line and an abstract paragraph; for other files use --format jsonl or csv.",
      file,
    );
  }
  return papers;
}

function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let lines: string[] = [];
  let firstLine = 0;
  const flush = () => {
    if (lines.length > 0) blocks.push({ text: lines.join(" "), line: firstLine });
    lines = [];
  };
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "") {
      flush();
      continue;
    }
    if (lines.length === 0) firstLine = index + 1;
    lines.push(line);
  }
  flush();
  return blocks;
}

function isTitle(text: string): boolean {
  return text.length <= TITLE_MAX_LENGTH && !text.endsWith(".");
}

function isAbstract(text: string): boolean {
  return text.split(/\s+/).length >= ABSTRACT_MIN_WORDS;
}
