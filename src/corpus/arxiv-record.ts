import { CorpusError } from "./corpus-error.ts";
import {
  authorList,
  bareDoi,
  categoryList,
  collapseWhitespace,
  type RecordLocation,
} from "./paper-metadata.ts";
import type { PaperMetadata } from "./types.ts";

/** Fields only the arXiv metadata snapshot has; a record with two of them is read as arXiv's. */
const ARXIV_ONLY_FIELDS = [
  "submitter",
  "journal-ref",
  "report-no",
  "versions",
  "update_date",
  "authors_parsed",
] as const;
/**
 * Fields of an arXiv record that become the paper's own fields, or are left out as bulk. `doi`
 * too, when it holds a DOI.
 */
const ARXIV_CONSUMED_FIELDS = new Set([
  "id",
  "title",
  "abstract",
  "authors",
  "authors_parsed",
  "categories",
  "versions",
]);
/** `0704.0001`, `2401.12345v2`: year and month first. */
export const NEW_STYLE_ID = /^(\d{2})(\d{2})\.\d{4,5}(?:v\d+)?$/;
/** `math/0501001`, `hep-th/9901001`, `math.CO/0501001`: archive, then year and month. */
export const OLD_STYLE_ID = /^[a-z-]+(?:\.[A-Za-z-]+)?\/(\d{2})(\d{2})\d{3}(?:v\d+)?$/;
/** Old-style ids started in August 1991. */
const FIRST_ARXIV_YEAR = 91;

/**
 * Whether a JSONL record is one of the arXiv metadata snapshot's (`id`, `submitter`, `authors`,
 * `title`, `comments`, `journal-ref`, `doi`, `report-no`, `categories`, `license`, `abstract`,
 * `versions`, `update_date`, `authors_parsed`): it has a non-empty text `id` and at least two
 * of the fields no other source writes.
 *
 * @example
 * isArxivRecord({ id: "0704.0001", title: "T", abstract: "A", versions: [], update_date: "2008-11-13" }); // true
 */
export function isArxivRecord(fields: Record<string, unknown>): boolean {
  const found = ARXIV_ONLY_FIELDS.filter((name) => fields[name] !== undefined);
  return typeof fields.id === "string" && fields.id.trim() !== "" && found.length >= 2;
}

/**
 * The metadata of an arXiv record: authors from `authors_parsed` (`["Last", "First", "Jr"]`
 * gives "First Last Jr"), else the `authors` string; the year of the first version, else of
 * `update_date`, else of the id; categories from the space-separated `categories`; the first
 * DOI of `doi`; and the abstract page as `url`. `rest` is what stays in `metadata`: the other
 * fields that have a value (arXiv writes null for absent ones), without the bulky `versions`
 * and `authors_parsed`.
 *
 * @example
 * arxivMetadata({ id: "math/0501001", categories: "math.CO", … }, at).metadata.url; // "https://arxiv.org/abs/math/0501001"
 */
export function arxivMetadata(
  fields: Record<string, unknown>,
  location: RecordLocation,
): { metadata: PaperMetadata; rest: Record<string, unknown> } {
  const id = String(fields.id);
  const metadata: PaperMetadata = {};
  const authors =
    parsedAuthors(fields.authors_parsed) ?? authorList(fields.authors, "authors", location);
  if (authors !== undefined) metadata.authors = authors;
  const year = firstVersionYear(fields.versions) ?? dateYear(fields.update_date) ?? idYear(id);
  if (year !== undefined) metadata.year = year;
  const categories = categoryList(fields.categories, "categories", location);
  if (categories !== undefined) metadata.categories = categories;
  const doi = doiText(fields.doi, location);
  const bare = doi === undefined ? undefined : bareDoi(doi);
  if (bare !== undefined) metadata.doi = bare;
  metadata.url = `https://arxiv.org/abs/${id.split("/").map(encodeURIComponent).join("/")}`;
  const rest = Object.entries(fields).filter(
    ([name, value]) =>
      value !== null && !ARXIV_CONSUMED_FIELDS.has(name) && !(name === "doi" && bare !== undefined),
  );
  return { metadata, rest: Object.fromEntries(rest) };
}

function parsedAuthors(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = value
    .filter((parts): parts is unknown[] => Array.isArray(parts))
    .map(([last, first, ...suffix]) =>
      collapseWhitespace([first, last, ...suffix].filter((p) => typeof p === "string").join(" ")),
    )
    .filter((name) => name !== "");
  return names.length === 0 ? undefined : names;
}

function firstVersionYear(value: unknown): number | undefined {
  if (!Array.isArray(value)) return undefined;
  const created: unknown = value[0]?.created;
  if (typeof created !== "string") return undefined;
  const time = Date.parse(created);
  return Number.isNaN(time) ? undefined : new Date(time).getUTCFullYear();
}

function dateYear(value: unknown): number | undefined {
  const match = typeof value === "string" ? /^(\d{4})-\d{2}-\d{2}/.exec(value) : null;
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function idYear(id: string): number | undefined {
  const yy = (NEW_STYLE_ID.exec(id) ?? OLD_STYLE_ID.exec(id))?.[1];
  if (yy === undefined) return undefined;
  const twoDigits = Number(yy);
  return twoDigits >= FIRST_ARXIV_YEAR ? 1900 + twoDigits : 2000 + twoDigits;
}

function doiText(value: unknown, { file, line }: RecordLocation): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new CorpusError(`"doi" must be text, got ${JSON.stringify(value)}.`, file, line);
  }
  return value;
}
