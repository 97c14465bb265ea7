import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readCorpus } from "../../src/corpus/read-corpus.ts";
import { BUNDLED_CORPUS } from "./tiny-index.ts";

/** The categories the generated corpus spreads its papers over (some papers have two). */
export const ARXIV_CATEGORIES = ["cs.LG", "cs.IR", "cs.CV", "stat.ML", "cs.CL"] as const;
/** Its papers' years run from this one, over `YEAR_SPAN` years. */
export const FIRST_YEAR = 2015;
export const YEAR_SPAN = 8;

/** A paper of the generated corpus as written, with the year and categories it was given. */
export interface ArxivPaper {
  id: string;
  title: string;
  year: number;
  categories: string[];
  authors: string[];
}

/**
 * Writes the bundled papers again as arXiv snapshot records (`arxiv.jsonl` in `dir`), a
 * different corpus with real text, in reverse order: each gets a new-style id, a year from its first version
 * (2015–2022 in turn), one or two categories, authors, and so an arXiv abstract link.
 *
 * @example
 * const { file, papers } = await writeArxivCorpus(tempDir());
 */
export async function writeArxivCorpus(
  dir: string,
): Promise<{ file: string; papers: ArxivPaper[] }> {
  // In reverse order, so that it is not the bundled corpus in disguise (starters differ).
  const bundled = (await readCorpus(BUNDLED_CORPUS)).papers.toReversed();
  const papers: ArxivPaper[] = [];
  const lines = bundled.map((paper, i) => {
    const year = FIRST_YEAR + (i % YEAR_SPAN);
    const first = ARXIV_CATEGORIES[i % ARXIV_CATEGORIES.length]!;
    const second = ARXIV_CATEGORIES[(i * 3 + 1) % ARXIV_CATEGORIES.length]!;
    const categories = i % 3 === 0 && second !== first ? [first, second] : [first];
    const id = `${String(year % 100).padStart(2, "0")}${String((i % 12) + 1).padStart(2, "0")}.${String(10000 + i)}`;
    const authors = [`Ada Author${i}`, "Ben Second", "Cy Third", "Dee Fourth"].slice(
      0,
      1 + (i % 4),
    );
    papers.push({ id, title: paper.title, year, categories, authors });
    return JSON.stringify({
      id,
      submitter: authors[0],
      authors: authors.join(", "),
      title: paper.title,
      comments: null,
      "journal-ref": null,
      doi: null,
      "report-no": null,
      categories: categories.join(" "),
      license: null,
      abstract: paper.abstract,
      versions: [{ version: "v1", created: `Mon, 1 Jun ${year} 10:00:00 GMT` }],
      update_date: `${year}-06-02`,
      authors_parsed: authors.map((name) => {
        const [given, family] = name.split(" ");
        return [family, given, ""];
      }),
    });
  });
  const file = join(dir, "arxiv.jsonl");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return { file, papers };
}
