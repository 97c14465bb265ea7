import { arxivMetadata, isArxivRecord } from "./arxiv-record.ts";
import { CorpusError } from "./corpus-error.ts";
import { GIVEN_ID_PATTERN, paperId } from "./paper-id.ts";
import {
  collapseWhitespace,
  METADATA_FIELDS,
  metadataFromFields,
  type RecordLocation,
} from "./paper-metadata.ts";
import type { LocatedPaper, Paper } from "./types.ts";

const PAPER_FIELDS = new Set<string>(["id", "title", "abstract", ...METADATA_FIELDS]);

/**
 * Turns one record of a structured source (a JSONL object, a CSV row) into a paper: `title` and
 * `abstract` must be non-empty text, `id` (optional) is kept exactly as given, `authors`,
 * `year`, `categories`, `doi` and `url` become the paper's metadata fields (see
 * {@link metadataFromFields}), and everything else is kept in `metadata`. Records of the arXiv
 * metadata snapshot are recognised by their fields and read as they are (see {@link arxivMetadata}),
 * their title and abstract on one line. Field names are matched as given; callers lowercase
 * them if they want.
 *
 * @example
 * paperFromFields({ title: "T", abstract: "A.", year: 2024, venue: "X" }, { file: "a.jsonl", line: 1 });
 * // { paper: { id: "t-…", title: "T", abstract: "A.", year: 2024, metadata: { venue: "X" } }, file: "a.jsonl", line: 1 }
 */
export function paperFromFields(
  fields: Record<string, unknown>,
  location: RecordLocation,
): LocatedPaper {
  const arxiv = isArxivRecord(fields);
  const title = collapseWhitespace(requiredText(fields, "title", location));
  const text = requiredText(fields, "abstract", location);
  const abstract = arxiv ? collapseWhitespace(text) : text;
  const id = givenId(fields.id, location) ?? paperId(title);
  const { metadata, rest } = arxiv
    ? arxivMetadata(fields, location)
    : { metadata: metadataFromFields(fields, location), rest: extraFields(fields) };
  const paper: Paper = { id, title, abstract, ...metadata };
  if (Object.keys(rest).length > 0) paper.metadata = rest;
  return { paper, file: location.file, line: location.line };
}

function extraFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !PAPER_FIELDS.has(name)));
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
  if (typeof id !== "string" || !GIVEN_ID_PATTERN.test(id)) {
    throw new CorpusError(
      `"id" ${JSON.stringify(value)} is not a usable id. Use 1-200 characters without control characters or spaces at either end, or leave "id" out to derive one from the title.`,
      file,
      line,
    );
  }
  return id;
}
