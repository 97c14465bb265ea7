import { join, resolve } from "node:path";
import { writeArxivShapedCorpus } from "../../../scripts/bench/arxiv-shaped-corpus.ts";
import { readCorpus } from "../../../src/corpus/index.ts";
import type { Paper } from "../../../src/corpus/types.ts";
import { BUNDLED_CORPUS, tempDir } from "../../support/tiny-index.ts";

/** Four records of the arXiv metadata snapshot, two with old-style ids (`math/0501001`). */
export const ARXIV_SAMPLE = resolve(
  import.meta.dirname,
  "../../fixtures/arxiv-snapshot-sample.jsonl",
);

/** The bundled corpus: titles and abstracts, no other metadata. */
export async function bundledPapers(): Promise<Paper[]> {
  return (await readCorpus([BUNDLED_CORPUS])).papers;
}

/** Real-shaped arXiv records (accents, TeX in author names, DOIs, old-style ids). */
export async function arxivSamplePapers(): Promise<Paper[]> {
  return (await readCorpus([ARXIV_SAMPLE])).papers;
}

/**
 * `count` arXiv-shaped records as the bench generates them (ids old and new, authors,
 * categories, DOIs on some), read as paperchat reads them.
 */
export async function arxivShapedPapers(count: number): Promise<Paper[]> {
  const file = join(tempDir(), "arxiv-shaped.jsonl");
  await writeArxivShapedCorpus({ papers: count, file, bundledCorpus: BUNDLED_CORPUS });
  return (await readCorpus([file])).papers;
}

/** Papers with every character a citation format must escape, and none of the metadata. */
export const AWKWARD_PAPERS: Paper[] = [
  {
    id: "awkward-1",
    title: "50% of R&D_costs: {braces} ~tilde^caret \\backslash $5 #1 — Émile Noël's 😀 Ωmega",
    abstract: "Line one\nline two\r\n\ttabbed; \\alpha $x^2$ 100% & more_stuff {unbalanced",
    authors: ["Ümit O'Brien-Smith", "Lovelace, Ada", "Plato", "Jean-Paul {Sartre}"],
    year: 2020,
    doi: "10.1000/a{b}c%20",
    url: "https://example.org/a b?c=1&d=%7B",
    categories: ["cs.LG", "math_CO"],
  },
  { id: "bare", title: "A paper with nothing but a title", abstract: "" },
];
