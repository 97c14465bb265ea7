import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { toCslJson } from "../../src/export/csl-json.ts";
import { formatPapers } from "../../src/export/format-papers.ts";
import {
  AWKWARD_PAPERS,
  arxivSamplePapers,
  arxivShapedPapers,
  bundledPapers,
} from "./support/export-corpora.ts";

/** The official CSL-JSON schema (test/fixtures/csl/README.md says where it comes from). */
const SCHEMA = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../fixtures/csl/csl-data.json"), "utf8"),
);
const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(SCHEMA);

function expectValid(items: unknown) {
  const valid = validate(items);
  expect(validate.errors?.slice(0, 5) ?? [], "CSL-JSON schema errors").toEqual([]);
  expect(valid).toBe(true);
}

describe("CSL-JSON, validated against the CSL data schema", () => {
  it("of the bundled corpus, 1,000 arXiv-shaped records, real-shaped ones and awkward ones", async () => {
    for (const papers of [
      await bundledPapers(),
      await arxivShapedPapers(1000),
      await arxivSamplePapers(),
      AWKWARD_PAPERS,
    ]) {
      const text = formatPapers(papers, "csl-json");
      const items = JSON.parse(text) as unknown[];
      expect(items).toHaveLength(papers.length);
      expectValid(items);
    }
  }, 120_000);

  it("carries title, authors, year, DOI, URL and arXiv id", async () => {
    const [diphoton] = await arxivSamplePapers();
    expect(toCslJson([diphoton!])).toEqual([
      {
        id: "balazs2007calculation",
        "citation-key": "balazs2007calculation",
        type: "article",
        title: diphoton!.title,
        author: [
          { family: "Balázs", given: "C." },
          { family: "Berger", given: "E. L." },
          { family: "Nadolsky", given: "P. M." },
          { family: "Yuan", given: "C. -P." },
        ],
        issued: { "date-parts": [[2007]] },
        DOI: "10.1103/PhysRevD.76.013009",
        URL: "https://arxiv.org/abs/0704.0001",
        number: "arXiv:0704.0001",
        publisher: "arXiv",
        categories: ["hep-ph"],
        abstract: diphoton!.abstract,
      },
    ]);
    expect(toCslJson([AWKWARD_PAPERS[1]!])).toEqual([
      {
        id: "paper",
        "citation-key": "paper",
        type: "article",
        title: "A paper with nothing but a title",
      },
    ]);
  });

  it("is refused by the schema when an item breaks it (the check can fail)", () => {
    expect(validate([{ id: "x", type: "preprint-of-sorts" }])).toBe(false);
    expect(validate([{ id: "x", type: "article", issued: 2007 }])).toBe(false);
  });
});
