import { CorpusError } from "./corpus-error.ts";
import type { PaperMetadata } from "./types.ts";

/** Where a record sits, so that problems can be reported against it. */
export interface RecordLocation {
  file: string;
  line: number;
}

/** The fields of a record that become a paper's metadata fields. */
export const METADATA_FIELDS = ["authors", "year", "categories", "doi", "url"] as const;

/** The years a paper's `year` may hold (filters accept the same range). */
export const EARLIEST_YEAR = 1000;
export const LATEST_YEAR = 2999;
/** A bare DOI: the `10.` directory, a registrant code, a slash and a suffix. */
const DOI_PATTERN = /^10\.\d+(?:\.\d+)*\/\S+$/;
/** What a DOI may be written with before the bare DOI itself. */
const DOI_PREFIX = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i;

/**
 * The metadata fields of a JSONL/CSV record (`authors`, `year`, `categories`, `doi`, `url`),
 * normalised: authors as a list, the year as a number, categories as a list, a bare DOI, and a
 * link (the record's `url`, else the DOI's). Missing, null and empty values are left out.
 * Throws a {@link CorpusError} naming the record's file and line for a value that is not what its
 * field means (a year that is not a year, a url that is not http(s), a DOI that is not one).
 *
 * @example
 * metadataFromFields({ authors: "A. One and B. Two", year: "2024", doi: "10.1/x" }, { file: "p.csv", line: 2 });
 * // { authors: ["A. One", "B. Two"], year: 2024, doi: "10.1/x", url: "https://doi.org/10.1/x" }
 */
export function metadataFromFields(
  fields: Record<string, unknown>,
  location: RecordLocation,
): PaperMetadata {
  const metadata: PaperMetadata = {};
  const authors = authorList(fields.authors, "authors", location);
  if (authors !== undefined) metadata.authors = authors;
  const year = yearOf(fields.year, location);
  if (year !== undefined) metadata.year = year;
  const categories = categoryList(fields.categories, "categories", location);
  if (categories !== undefined) metadata.categories = categories;
  const doi = doiOf(fields.doi, location);
  if (doi !== undefined) metadata.doi = doi;
  const url = urlOf(fields.url, location) ?? (doi === undefined ? undefined : doiUrl(doi));
  if (url !== undefined) metadata.url = url;
  return metadata;
}

/**
 * Author names from a list of names, or from one string of names separated by commas,
 * semicolons or "and" (`"A, B and C"`). Whitespace inside a name is collapsed.
 *
 * @example
 * authorList("A. One, B. Two, and C. Three", "authors", at); // ["A. One", "B. Two", "C. Three"]
 */
export function authorList(
  value: unknown,
  field: string,
  location: RecordLocation,
): string[] | undefined {
  const names =
    typeof value === "string"
      ? value.split(/\s*[,;]\s*(?:and\s+)?|\s+and\s+/)
      : textList(value, field, "a list of names or one string of names", location);
  return nonEmpty(names?.map(collapseWhitespace));
}

/**
 * Categories from a list, or from one string separated by spaces, commas or semicolons
 * (arXiv writes `"math.CO cs.DM"`).
 *
 * @example
 * categoryList("cs.CL cs.LG", "categories", at); // ["cs.CL", "cs.LG"]
 */
export function categoryList(
  value: unknown,
  field: string,
  location: RecordLocation,
): string[] | undefined {
  const categories =
    typeof value === "string"
      ? value.split(/[\s,;]+/)
      : textList(value, field, "a list of categories or one string of them", location);
  return nonEmpty(categories?.map(collapseWhitespace));
}

/**
 * A bare DOI out of `value` (a `https://doi.org/` or `doi:` prefix is dropped; of several
 * DOIs separated by spaces, the first), or undefined when there is none.
 *
 * @example
 * bareDoi("https://doi.org/10.1103/PhysRevD.76.013009"); // "10.1103/PhysRevD.76.013009"
 */
export function bareDoi(value: string): string | undefined {
  const [first] = value.trim().replace(DOI_PREFIX, "").split(/\s+/);
  return first !== undefined && DOI_PATTERN.test(first) ? first : undefined;
}

/**
 * The link a DOI resolves through.
 *
 * @example
 * doiUrl("10.1000/xyz123"); // "https://doi.org/10.1000/xyz123"
 */
export function doiUrl(doi: string): string {
  return `https://doi.org/${doi.split("/").map(encodeURIComponent).join("/")}`;
}

/** Runs of whitespace (line breaks included) as one space, without leading or trailing ones. */
export function collapseWhitespace(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

function yearOf(value: unknown, { file, line }: RecordLocation): number | undefined {
  if (isAbsent(value)) return undefined;
  const year =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\s*\d+\s*$/.test(value)
        ? Number(value)
        : Number.NaN;
  if (!Number.isInteger(year) || year < EARLIEST_YEAR || year > LATEST_YEAR) {
    throw new CorpusError(
      `"year" ${JSON.stringify(value)} is not a year. Write it as a four-digit number like 2024, or leave "year" out.`,
      file,
      line,
    );
  }
  return year;
}

function doiOf(value: unknown, { file, line }: RecordLocation): string | undefined {
  if (isAbsent(value)) return undefined;
  const doi = typeof value === "string" ? bareDoi(value) : undefined;
  if (doi === undefined) {
    throw new CorpusError(
      `"doi" ${JSON.stringify(value)} is not a DOI. Write it like 10.1000/xyz123 (a https://doi.org/ link works too), or leave "doi" out.`,
      file,
      line,
    );
  }
  return doi;
}

function urlOf(value: unknown, { file, line }: RecordLocation): string | undefined {
  if (isAbsent(value)) return undefined;
  const url = typeof value === "string" ? value.trim() : "";
  if (!/^https?:\/\/\S+$/i.test(url) || !URL.canParse(url)) {
    throw new CorpusError(
      `"url" ${JSON.stringify(value)} is not an http(s) link. Write it like https://example.org/paper, or leave "url" out.`,
      file,
      line,
    );
  }
  return url;
}

/** A list of strings, or undefined when absent; throws when it is something else. */
function textList(
  value: unknown,
  field: string,
  expected: string,
  { file, line }: RecordLocation,
): string[] | undefined {
  if (isAbsent(value)) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new CorpusError(
      `"${field}" must be ${expected}, got ${JSON.stringify(value)}. Fix the field or leave it out.`,
      file,
      line,
    );
  }
  return value;
}

function nonEmpty(list: string[] | undefined): string[] | undefined {
  const items = list?.filter((item) => item !== "");
  return items === undefined || items.length === 0 ? undefined : items;
}

function isAbsent(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === "string" && value.trim() === "")
  );
}
