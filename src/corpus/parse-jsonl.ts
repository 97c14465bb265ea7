import { CorpusError } from "./corpus-error.ts";
import { paperFromFields } from "./paper-from-fields.ts";
import { stripBom } from "./strip-bom.ts";
import type { LocatedPaper } from "./types.ts";

/**
 * Parses JSON Lines: one object per line with `title`, `abstract` and optionally `id`; other
 * fields go to `metadata`. Blank lines are skipped. Throws a `CorpusError` naming the line of
 * the first bad record.
 *
 * @example
 * parseJsonl('{"title": "T", "abstract": "A."}\n', "papers.jsonl")[0]?.paper.title; // "T"
 */
export function parseJsonl(text: string, file: string): LocatedPaper[] {
  const papers: LocatedPaper[] = [];
  const lines = stripBom(text).split(/\r?\n/);
  for (const [index, source] of lines.entries()) {
    if (source.trim() === "") {
      continue;
    }
    const line = index + 1;
    const record = parseLine(source, file, line);
    papers.push(paperFromFields(record, { file, line }));
  }
  return papers;
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
    throw new CorpusError(
      `expected a JSON object like {"title": "...", "abstract": "..."}, got ${Array.isArray(value) ? "an array" : typeof value}.`,
      file,
      line,
    );
  }
  return value as Record<string, unknown>;
}
