import { citationKeys } from "./citation-keys.ts";
import { arxivIdOf, type ExportPaper, nameParts } from "./export-paper.ts";

/** TeX's special characters, and what each is written as in a field's text. */
const SPECIAL: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  "%": "\\%",
  "&": "\\&",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

/**
 * Text as a BibTeX field's value shows it: TeX's special characters escaped, whitespace
 * (newlines included) collapsed, anything else (accents, other scripts) kept as UTF-8.
 *
 * @example
 * bibtexText("50% of R&D_costs"); // "50\\% of R\\&D\\_costs"
 */
export function bibtexText(text: string): string {
  return text
    .replace(/[\p{Cc}\s]+/gu, " ")
    .trim()
    .replace(/[\\{}%&$#_~^]/g, (char) => SPECIAL[char]!);
}

/**
 * A link or identifier for a verbatim field (`url`, `doi`, `eprint`): braces, backslashes and
 * whitespace percent-encoded, so that the value stays one balanced group; nothing else changes.
 */
function verbatim(text: string): string {
  return text.trim().replace(/[{}\\\s]/g, (char) => encodeURIComponent(char));
}

/** An author as `{Family}, Given`: the family name braced, so that BibTeX never splits it. */
function author(name: string): string {
  const { family, given } = nameParts(name);
  return given ? `{${bibtexText(family)}}, ${bibtexText(given)}` : `{${bibtexText(family)}}`;
}

/** The fields of one entry, in the order they are written; empty ones left out. */
function fields(paper: ExportPaper): [string, string][] {
  const arxiv = arxivIdOf(paper);
  const list: [string, string | undefined][] = [
    ["title", bibtexText(paper.title)],
    ["author", paper.authors?.map(author).join(" and ")],
    ["year", paper.year?.toString()],
    ["doi", paper.doi && verbatim(paper.doi)],
    ["eprint", arxiv && verbatim(arxiv)],
    ["archiveprefix", arxiv && "arXiv"],
    ["primaryclass", arxiv && paper.categories?.[0] && bibtexText(paper.categories[0])],
    ["url", paper.url && verbatim(paper.url)],
    ["keywords", paper.categories?.map(bibtexText).join(", ")],
    ["abstract", paper.abstract && bibtexText(paper.abstract)],
  ];
  return list.filter((field): field is [string, string] => Boolean(field[1]));
}

/**
 * Papers as BibTeX: one `@misc` entry each (an arXiv preprint, a paper with only a title),
 * keyed by {@link citationKeys}, with title, authors, year, DOI, arXiv id (`eprint`,
 * `archiveprefix`, `primaryclass`), URL, categories as keywords and the abstract, each where
 * the paper has it. Values are braced; TeX's special characters are escaped; non-ASCII text
 * is kept as UTF-8 (biber and bibtex8 read it; save the file as UTF-8).
 *
 * @example
 * toBibtex([{ id: "0704.0001", title: "Diphoton production", authors: ["C. Balázs"], year: 2007 }]);
 * // "@misc{balazs2007diphoton,\n  title = {Diphoton production},\n  author = {{Balázs}, C.},\n …"
 */
export function toBibtex(papers: readonly ExportPaper[]): string {
  const keys = citationKeys(papers);
  return papers
    .map((paper, i) => {
      const lines = fields(paper).map(([name, value]) => `  ${name} = {${value}}`);
      return `@misc{${keys[i]},\n${lines.join(",\n")}\n}\n`;
    })
    .join("\n");
}
