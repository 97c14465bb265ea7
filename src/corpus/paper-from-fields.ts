import { CorpusError } from "./corpus-error.ts";
import { PAPER_ID_PATTERN, paperId } from "./paper-id.ts";
import type { LocatedPaper, Paper } from "./types.ts";

/** Where a record sits, so that problems can be reported against it. */
export interface RecordLocation {
  file: string;
  line: number;
}

const KNOWN_FIELDS = new Set(["id", "title", "abstract"]);

/**
 * Turns one record of a structured source (a JSONL object, a CSV row) into a paper: `title` and
 * `abstract` must be non-empty text, `id` (optional) must be URL-safe, everything else is kept
 * in `metadata`. Field names are matched as given; callers lowercase them if they want.
 *
 * @example
 * paperFromFields({ title: "T", abstract: "A.", year: 2024 }, { file: "a.jsonl", line: 1 });
 * // { paper: { id: "t-…", title: "T", abstract: "A.", metadata: { year: 2024 } }, file: "a.jsonl", line: 1 }
 */
export function paperFromFields(
  fields: Record<string, unknown>,
  location: RecordLocation,
): LocatedPaper {
  const title = requiredText(fields, "title", location).replace(/\s+/g, " ");
  const abstract = requiredText(fields, "abstract", location);
  const paper: Paper = { id: givenId(fields.id, location) ?? paperId(title), title, abstract };
  const extra = Object.entries(fields).filter(([name]) => !KNOWN_FIELDS.has(name));
  if (extra.length > 0) {
    paper.metadata = Object.fromEntries(extra);
  }
  return { paper, file: location.file, line: location.line };
}

function requiredText(
  fields: Record<string, unknown>,
  name: "title" | "abstract",
  { file, line }: RecordLocation,
): string {
  const value = fields[name];
  if (value === undefined || value === null) {
    throw new CorpusError(
      `missing "${name}". Every paper needs a "title" and an "abstract".`,
      file,
      line,
    );
  }
  if (typeof value !== "string") {
    throw new CorpusError(`"${name}" must be text, got ${typeof value}.`, file, line);
  }
  const text = value.trim();
  if (text === "") {
    throw new CorpusError(
      `"${name}" is empty. Give the paper a ${name} or remove the record.`,
      file,
      line,
    );
  }
  return text;
}

function givenId(value: unknown, { file, line }: RecordLocation): string | undefined {
  if (value === undefined || value === null || value === "") {
    return undefined;
  }
  const id = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof id !== "string" || !PAPER_ID_PATTERN.test(id)) {
    throw new CorpusError(
      `"id" ${JSON.stringify(value)} is not URL-safe. Use 1-128 of A-Z a-z 0-9 . _ ~ - or leave "id" out to derive one from the title.`,
      file,
      line,
    );
  }
  return id;
}
