import { CorpusError } from "./corpus-error.ts";
import { readCsvRecords } from "./csv-records.ts";
import { paperFromFields } from "./paper-from-fields.ts";
import { METADATA_FIELDS } from "./paper-metadata.ts";
import { stripBom } from "./strip-bom.ts";
import type { LocatedPaper } from "./types.ts";

const REQUIRED_COLUMNS = ["title", "abstract"] as const;
/** Columns matched in any case; others keep their header name. */
const PAPER_COLUMNS = new Set<string>(["id", ...REQUIRED_COLUMNS, ...METADATA_FIELDS]);

/**
 * Parses RFC 4180 CSV with a header row. Columns `title` and `abstract` are required; `id`,
 * `authors`, `year`, `categories`, `doi` and `url` are optional (see {@link paperFromFields}; these
 * names are case-insensitive); other columns go to `metadata` under their header name. Blank
 * lines are skipped. Throws a {@link CorpusError} naming the line of the first problem.
 *
 * @example
 * parseCsv('title,abstract,Year,venue\nT,"A, b.",2024,X\n', "papers.csv")[0]?.paper;
 * // { id: "t-…", title: "T", abstract: "A, b.", year: 2024, metadata: { venue: "X" } }
 */
export function parseCsv(text: string, file: string): LocatedPaper[] {
  const [header, ...rows] = readCsvRecords(stripBom(text), file);
  if (header === undefined || isBlank(header.fields)) {
    throw new CorpusError(
      "no header row. The first line must name the columns, e.g. title,abstract.",
      file,
      1,
    );
  }
  const names = columnNames(header.fields, file, header.line);
  const papers: LocatedPaper[] = [];
  for (const { fields, line } of rows) {
    if (isBlank(fields)) {
      continue;
    }
    if (fields.length !== names.length) {
      throw new CorpusError(
        `${fields.length} fields, but the header has ${names.length}. Quote fields that contain commas or line breaks.`,
        file,
        line,
      );
    }
    const record = Object.fromEntries(names.map((name, i) => [name, fields[i]]));
    papers.push(paperFromFields(record, { file, line }));
  }
  return papers;
}

/** Header names, with the paper's own columns lowercased so they match in any case. */
function columnNames(header: string[], file: string, line: number): string[] {
  const names = header.map((raw) => {
    const name = raw.trim();
    const lower = name.toLowerCase();
    return PAPER_COLUMNS.has(lower) ? lower : name;
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw new CorpusError(
      `header has no ${missing.map((c) => `"${c}"`).join(" or ")} column (found: ${header.join(", ")}). Name the columns title and abstract.`,
      file,
      line,
    );
  }
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) {
    throw new CorpusError(
      `column "${repeated}" appears twice in the header. Rename one of them.`,
      file,
      line,
    );
  }
  return names;
}

function isBlank(fields: string[]): boolean {
  return fields.length === 1 && fields[0]?.trim() === "";
}
