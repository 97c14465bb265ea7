import { citationKeys } from "./citation-keys.ts";
import { arxivIdOf, type ExportPaper, nameParts } from "./export-paper.ts";

/** A value on one RIS line: control characters and line breaks become spaces. */
function risValue(text: string): string {
  return text.replace(/[\p{Cc}\s]+/gu, " ").trim();
}

/** The tagged lines of one record, in the order they are written; empty ones left out. */
function lines(paper: ExportPaper, key: string): [string, string][] {
  const arxiv = arxivIdOf(paper);
  const tagged: [string, string | undefined][] = [
    ["TY", "GEN"],
    ["ID", key],
    ["TI", paper.title],
    ...(paper.authors ?? []).map((name): [string, string] => {
      const { family, given } = nameParts(name);
      return ["AU", given ? `${family}, ${given}` : family];
    }),
    ["PY", paper.year?.toString()],
    ["DO", paper.doi],
    ["UR", paper.url],
    ["N1", arxiv && `arXiv:${arxiv}`],
    ...(paper.categories ?? []).map((category): [string, string] => ["KW", category]),
    ["AB", paper.abstract],
  ];
  return tagged
    .map(([tag, value]): [string, string] => [tag, value === undefined ? "" : risValue(value)])
    .filter(([, value]) => value !== "");
}

/**
 * Papers as RIS (the format of EndNote, Zotero and Mendeley imports): one `GEN` record each,
 * `TAG  - value` lines ending in CRLF, from `TY` to `ER`, with the citation key (`ID`), title,
 * one `AU` line per author (`Family, Given`), year, DOI, URL, the arXiv id as a note,
 * categories as keywords and the abstract, each where the paper has it.
 *
 * @example
 * toRis([{ id: "0704.0001", title: "Diphoton production", year: 2007 }]);
 * // "TY  - GEN\r\nID  - paper2007diphoton\r\nTI  - Diphoton production\r\nPY  - 2007\r\n…ER  - \r\n"
 */
export function toRis(papers: readonly ExportPaper[]): string {
  const keys = citationKeys(papers);
  return papers
    .map((paper, i) => {
      const record = lines(paper, keys[i]!).map(([tag, value]) => `${tag}  - ${value}\r\n`);
      return `${record.join("")}ER  - \r\n`;
    })
    .join("\r\n");
}
