import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseJsonl, readCorpus, splitSentences } from "../../src/corpus/index.ts";

/** Four records in the arXiv metadata snapshot's own shape: new- and old-style ids, nulls. */
const SAMPLE = resolve(import.meta.dirname, "../fixtures/arxiv-snapshot-sample.jsonl");
const FILE = "arxiv.jsonl";

function arxivLine(fields: Record<string, unknown>): string {
  return JSON.stringify({
    id: "2401.00001",
    submitter: "A",
    authors: "A",
    title: "T",
    comments: null,
    "journal-ref": null,
    doi: null,
    "report-no": null,
    categories: "cs.LG",
    license: null,
    abstract: "A.",
    versions: [{ version: "v1", created: "Mon, 1 Jan 2024 00:00:00 GMT" }],
    update_date: "2024-01-02",
    authors_parsed: [["A", "", ""]],
    ...fields,
  });
}

function paperOf(fields: Record<string, unknown>) {
  const [located] = parseJsonl(arxivLine(fields), FILE);
  if (located === undefined) throw new Error("no paper");
  return located.paper;
}

describe("arXiv snapshot records", () => {
  it("read end to end as they are, with new- and old-style ids kept exactly", async () => {
    const { papers, duplicates } = await readCorpus(SAMPLE);
    expect(duplicates).toEqual([]);
    expect(papers.map((p) => p.id)).toEqual([
      "0704.0001",
      "math/0501001",
      "2401.12345",
      "hep-th/9901001",
    ]);
    expect(papers[0]).toEqual({
      id: "0704.0001",
      title:
        "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies",
      abstract:
        "We compute the production of two isolated photons in hadron collisions at next-to-leading order, with soft-gluon resummation of the initial state. The predicted rates are compared with the Tevatron data. We also give the expected distributions at the LHC, where the diphoton pair is a background to a light Higgs boson.",
      authors: ["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C. -P. Yuan"],
      year: 2007,
      categories: ["hep-ph"],
      doi: "10.1103/PhysRevD.76.013009",
      url: "https://arxiv.org/abs/0704.0001",
      metadata: {
        submitter: "Pavel Nadolsky",
        comments: "37 pages, 15 figures; published version",
        "journal-ref": "Phys.Rev.D76:013009,2007",
        "report-no": "ANL-HEP-PR-07-12",
        update_date: "2008-11-13",
      },
    });
  });

  it("normalise leading spaces, hard line breaks and runs of spaces once, so sentences stay verbatim", async () => {
    const { papers } = await readCorpus(SAMPLE);
    const old = papers[1];
    expect(old).toMatchObject({
      id: "math/0501001",
      title: "Counting lattice paths under a moving boundary",
      abstract:
        "We study lattice paths that stay below a boundary which moves with time. A bijection with labelled trees gives the generating function in closed form. Asymptotics follow from a singularity analysis, e.g. for the linear boundary.",
      authors: ["Ada Example", "Ben Sample"],
      year: 2005,
      categories: ["math.CO", "math.PR"],
      url: "https://arxiv.org/abs/math/0501001",
      metadata: { submitter: "Ada Example", comments: "12 pages", update_date: "2007-05-23" },
    });
    expect(old).not.toHaveProperty("doi");
    for (const paper of papers) {
      expect(paper.abstract).not.toMatch(/^\s|\s$|\s\s|\n/);
      for (const sentence of splitSentences(paper.abstract)) {
        expect(paper.abstract.slice(sentence.start, sentence.end)).toBe(sentence.text);
      }
    }
    expect(splitSentences(old?.abstract ?? "")).toHaveLength(3);
  });

  it("turn authors_parsed into 'First Last Suffix' and fall back to the year of update_date", async () => {
    const { papers } = await readCorpus(SAMPLE);
    expect(papers[2]).toMatchObject({
      authors: ["Chen Li", "Maria Garcia", "John Smith Jr"],
      year: 2024,
      categories: ["cs.IR", "cs.CL", "cs.LG"],
      metadata: { license: "http://creativecommons.org/licenses/by/4.0/" },
    });
    expect(papers[3]).toMatchObject({ id: "hep-th/9901001", year: 2009 });
  });

  it("fall back to the authors string, and to the year and month of new- and old-style ids", () => {
    const withoutDates = { versions: [], update_date: null };
    expect(
      paperOf({ authors_parsed: null, authors: "A. One, B. Two and C. Three", ...withoutDates }),
    ).toMatchObject({ authors: ["A. One", "B. Two", "C. Three"], year: 2024 });
    expect(paperOf({ id: "0912.1234v2", ...withoutDates }).year).toBe(2009);
    expect(paperOf({ id: "hep-th/9901001", ...withoutDates }).year).toBe(1999);
    expect(paperOf({ id: "math.CO/0501001", ...withoutDates }).year).toBe(2005);
    expect(paperOf({ id: "not-an-arxiv-id", ...withoutDates })).not.toHaveProperty("year");
  });

  it("keep the first of several DOIs, and an unreadable DOI as it was in metadata", () => {
    expect(paperOf({ doi: "10.1000/a1 10.1000/b2" })).toMatchObject({ doi: "10.1000/a1" });
    const odd = paperOf({ doi: "see journal" });
    expect(odd).not.toHaveProperty("doi");
    expect(odd.metadata).toMatchObject({ doi: "see journal" });
  });

  it("are told from other records by fields only the snapshot has", () => {
    const plain = parseJsonl(
      JSON.stringify({ id: "x/1", title: "T", abstract: "  Two\n  lines.", submitter: "S" }),
      FILE,
    )[0]?.paper;
    expect(plain).toEqual({
      id: "x/1",
      title: "T",
      abstract: "Two\n  lines.",
      metadata: { submitter: "S" },
    });
  });

  it("is what the bundled sample holds: one record per line in arXiv's compact JSON", () => {
    const lines = readFileSync(SAMPLE, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(Object.keys(JSON.parse(lines[1] ?? "{}"))).toEqual([
      "id",
      "submitter",
      "authors",
      "title",
      "comments",
      "journal-ref",
      "doi",
      "report-no",
      "categories",
      "license",
      "abstract",
      "versions",
      "update_date",
      "authors_parsed",
    ]);
  });
});
