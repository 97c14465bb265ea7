import { CorpusError } from "./corpus-error.ts";
import { paperFromFields } from "./paper-from-fields.ts";
import { stripBom } from "./strip-bom.ts";
import type { LocatedPaper } from "./types.ts";

/**
 * Parses JSON Lines: one object per line with `title`, `abstract` and optionally `id` and the
 * metadata fields, or one record of the arXiv metadata snapshot as it is (see
 * {@link paperFromFields}); other fields go to `metadata`. Blank lines are skipped. Throws a
 * {@link CorpusError} naming the line of the first bad record.
 *
 * @example
 * parseJsonl('{"title": "T", "abstract": "A."}\n', "papers.jsonl")[0]?.paper.title; // "T"
 */
export function parseJsonl(text: string, file: string): LocatedPaper[] {
  const papers: LocatedPaper[] = [];
  for (const [index, source] of stripBom(text).split(/\r?\n/).entries()) {
    const located = paperFromJsonLine(source, file, index + 1);
    if (located !== undefined) papers.push(located);
  }
  return papers;
}

/**
 * One line of JSON Lines as a paper, or undefined for a blank line; throws a {@link CorpusError}
 * naming `file` and `line` for a bad record. The unit shared by {@link parseJsonl} and streaming
 * readers of large files.
 *
 * @example
 * paperFromJsonLine('{"title": "T", "abstract": "A."}', "papers.jsonl", 7)?.line; // 7
 */
export function paperFromJsonLine(
  source: string,
  file: string,
  line: number,
): LocatedPaper | undefined {
  if (source.trim() === "") {
    return undefined;
  }
  return paperFromFields(parseLine(source, file, line), { file, line });
}

function parseLine(source: string, file: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    throw new CorpusError(
      `not valid JSON (${(error as Error).message}). Each line must be one JSON object like {"title": "...", "abstract": "..."}.`,
      file,
      line,
      { cause: error },
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const got = Array.isArray(value)
      ? "an array. A JSON array of papers becomes JSON Lines with: jq -c '.[]' papers.json > papers.jsonl"
      : `${typeof value}.`;
    throw new CorpusError(
      `expected a JSON object like {"title": "...", "abstract": "..."} on each line, got ${got}`,
      file,
      line,
    );
  }
  return value as Record<string, unknown>;
}
