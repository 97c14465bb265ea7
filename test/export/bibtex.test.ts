import { parse } from "@retorquere/bibtex-parser";
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/corpus/types.ts";
import { bibtexText, toBibtex } from "../../src/export/bibtex.ts";
import {
  AWKWARD_PAPERS,
  arxivSamplePapers,
  arxivShapedPapers,
  bundledPapers,
} from "./support/export-corpora.ts";

/** Parses BibTeX as Better BibTeX for Zotero does, keeping titles' case as written. */
const parsed = (text: string) => parse(text, { english: false });
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

function expectParsedWhole(papers: readonly Paper[]) {
  const library = parsed(toBibtex(papers));
  expect(library.errors).toEqual([]);
  expect(library.entries).toHaveLength(papers.length);
  expect(new Set(library.entries.map((entry) => entry.key)).size).toBe(papers.length);
  library.entries.forEach((entry, i) => {
    const paper = papers[i]!;
    expect(entry.type).toBe("misc");
    expect(entry.fields.title).toBe(oneLine(paper.title));
    expect(entry.fields.author?.length ?? 0).toBe(paper.authors?.length ?? 0);
    if (paper.year !== undefined) expect(entry.fields.year).toBe(String(paper.year));
    // Braces in a DOI or link are percent-encoded, so that a verbatim field stays balanced.
    const verbatim = (text: string) => text.replace(/[{}\s]/g, encodeURIComponent);
    if (paper.doi !== undefined) expect(entry.fields.doi).toBe(verbatim(paper.doi));
    if (paper.url !== undefined) expect(entry.fields.url).toBe(verbatim(paper.url));
  });
  return library;
}

describe("BibTeX, read back by @retorquere/bibtex-parser (Better BibTeX's parser)", () => {
  it("of the bundled corpus: 70 entries, 0 errors, titles as written", async () => {
    const library = expectParsedWhole(await bundledPapers());
    expect(library.entries.map((entry) => entry.key)).toContain("lightgcn");
  });

  it("of 1,000 arXiv-shaped records: 0 errors, with their arXiv ids and categories", async () => {
    const papers = await arxivShapedPapers(1000);
    expect(papers).toHaveLength(1000);
    const library = expectParsedWhole(papers);
    library.entries.forEach((entry, i) => {
      expect(entry.fields.eprint).toBe(papers[i]!.id);
      expect(entry.fields.archiveprefix).toBe("arXiv");
      expect(entry.fields.primaryclass).toBe(papers[i]!.categories![0]);
    });
    expect(papers.some((paper) => paper.id.includes("/"))).toBe(true);
  }, 180_000);

  it("of real-shaped arXiv records, accents kept as UTF-8", async () => {
    const papers = await arxivSamplePapers();
    const text = toBibtex(papers);
    expect(text).toContain("{Balázs}, C.");
    const library = expectParsedWhole(papers);
    expect(library.entries[0]!.fields.author![0]).toEqual({ lastName: "Balázs", firstName: "C." });
  });

  it("escapes TeX's special characters so that titles and abstracts read back as written", () => {
    const library = expectParsedWhole(AWKWARD_PAPERS);
    const [awkward, bare] = library.entries;
    expect(awkward!.fields.abstract).toBe(oneLine(AWKWARD_PAPERS[0]!.abstract));
    // A one-part name is braced whole: BibTeX reads it as one name, never split.
    expect(awkward!.fields.author).toEqual([
      { lastName: "O'Brien-Smith", firstName: "Ümit" },
      { lastName: "Lovelace", firstName: "Ada" },
      { name: "Plato" },
      { lastName: "{Sartre}", firstName: "Jean-Paul" },
    ]);
    expect(bare!.fields).toEqual({ title: "A paper with nothing but a title" });
    expect(bibtexText("50% of R&D_costs")).toBe("50\\% of R\\&D\\_costs");
  });

  it("keys papers stably, telling apart those that would share a key", () => {
    const twin = {
      id: "t",
      title: "Graph networks",
      abstract: "",
      authors: ["Ada Lovelace"],
      year: 2020,
    };
    const text = toBibtex([twin, { ...twin, id: "u", title: "Graph kernels" }, AWKWARD_PAPERS[1]!]);
    expect([...text.matchAll(/^@misc\{([^,]+),/gm)].map((match) => match[1])).toEqual([
      "lovelace2020grapha",
      "lovelace2020graphb",
      "paper",
    ]);
  });
});
