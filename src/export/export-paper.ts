import { NEW_STYLE_ID, OLD_STYLE_ID } from "../corpus/arxiv-record.ts";
import type { Paper } from "../corpus/types.ts";

/**
 * A paper as the exporters read it: its id and title always, everything else where the corpus
 * has it (a paper that left the index is exported from its id and title alone).
 */
export type ExportPaper = Pick<Paper, "id" | "title"> & Partial<Omit<Paper, "id" | "title">>;

/** An arXiv abstract page's link, and the id it holds. */
const ARXIV_URL = /^https?:\/\/(?:www\.)?arxiv\.org\/abs\/(.+?)\/?$/i;

/**
 * The paper's arXiv id: its own id when that is one (`0704.0001`, `math/0501001`), else the id
 * its link to an arXiv abstract page names; undefined when it has neither.
 *
 * @example
 * arxivIdOf({ id: "x-1a2b3c", title: "T", url: "https://arxiv.org/abs/2401.12345" }); // "2401.12345"
 */
export function arxivIdOf(paper: ExportPaper): string | undefined {
  if (NEW_STYLE_ID.test(paper.id) || OLD_STYLE_ID.test(paper.id)) return paper.id;
  const linked = paper.url ? ARXIV_URL.exec(paper.url)?.[1] : undefined;
  return linked === undefined ? undefined : decodeURIComponent(linked);
}

/** An author's name split as citation formats want it. */
export interface NameParts {
  family: string;
  given?: string;
}

/**
 * Splits a name as written ("Ada Lovelace", "Lovelace, Ada", "Ada") into family and given
 * names: the part before a comma is the family name, else the last word is.
 *
 * @example
 * nameParts("C. -P. Yuan"); // { family: "Yuan", given: "C. -P." }
 * nameParts("Lovelace, Ada"); // { family: "Lovelace", given: "Ada" }
 */
export function nameParts(name: string): NameParts {
  const comma = name.indexOf(",");
  if (comma > 0) {
    const given = name.slice(comma + 1).trim();
    return { family: name.slice(0, comma).trim(), ...(given && { given }) };
  }
  const words = name.trim().split(/\s+/);
  const family = words.pop() ?? "";
  return words.length > 0 ? { family, given: words.join(" ") } : { family };
}
