import { citationKeys } from "./citation-keys.ts";
import { arxivIdOf, type ExportPaper, nameParts } from "./export-paper.ts";

/** A CSL name: family and given names, or the name as written when it has one part only. */
type CslName = { family: string; given?: string } | { literal: string };

/** One CSL-JSON item as paperchat writes it (a subset of the CSL data schema). */
export interface CslItem {
  id: string;
  "citation-key": string;
  type: "article";
  title: string;
  author?: CslName[];
  issued?: { "date-parts": [[number]] };
  DOI?: string;
  URL?: string;
  number?: string;
  publisher?: string;
  categories?: string[];
  abstract?: string;
}

function cslName(name: string): CslName {
  const { family, given } = nameParts(name);
  return given ? { family, given } : { literal: name };
}

/**
 * Papers as CSL-JSON items (what citeproc, Zotero and pandoc read): type `article` (CSL's type
 * for preprints and papers without a venue), the citation key as `id` and `citation-key`,
 * title, authors, the year as `issued`, DOI, URL, the arXiv id as `number` with publisher
 * `arXiv`, categories and the abstract, each where the paper has it. Valid against the CSL
 * data schema (csl-data.json).
 *
 * @example
 * toCslJson([{ id: "0704.0001", title: "Diphoton production", year: 2007 }]);
 * // [{ id: "paper2007diphoton", "citation-key": "paper2007diphoton", type: "article", title: "Diphoton production", issued: { "date-parts": [[2007]] }, number: "arXiv:0704.0001", publisher: "arXiv" }]
 */
export function toCslJson(papers: readonly ExportPaper[]): CslItem[] {
  const keys = citationKeys(papers);
  return papers.map((paper, i) => {
    const arxiv = arxivIdOf(paper);
    const item: CslItem = {
      id: keys[i]!,
      "citation-key": keys[i]!,
      type: "article",
      title: paper.title,
    };
    if (paper.authors?.length) item.author = paper.authors.map(cslName);
    if (paper.year !== undefined) item.issued = { "date-parts": [[paper.year]] };
    if (paper.doi) item.DOI = paper.doi;
    if (paper.url) item.URL = paper.url;
    if (arxiv) Object.assign(item, { number: `arXiv:${arxiv}`, publisher: "arXiv" });
    if (paper.categories?.length) item.categories = paper.categories;
    if (paper.abstract) item.abstract = paper.abstract;
    return item;
  });
}
