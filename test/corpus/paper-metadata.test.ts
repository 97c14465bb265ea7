import { describe, expect, it } from "vitest";
import { CorpusError, parseCsv, parseJsonl } from "../../src/corpus/index.ts";

const FILE = "papers.jsonl";

function paperOf(fields: Record<string, unknown>) {
  const [located] = parseJsonl(JSON.stringify({ title: "T", abstract: "A.", ...fields }), FILE);
  if (located === undefined) throw new Error("no paper");
  return located.paper;
}

function errorOf(fields: Record<string, unknown>): CorpusError {
  try {
    parseJsonl(`{"title": "Fine", "abstract": "A."}\n${JSON.stringify(fields)}`, FILE);
  } catch (error) {
    if (error instanceof CorpusError) return error;
    throw error;
  }
  throw new Error("expected a CorpusError");
}

describe("metadata fields of JSONL and CSV papers", () => {
  it("become the paper's fields, normalised, and leave metadata with the rest", () => {
    expect(
      paperOf({
        authors: [" Ada  Lovelace ", "Alan Turing"],
        year: 1843,
        categories: ["cs.LG", "stat.ML"],
        doi: "10.1000/xyz123",
        url: "https://example.org/paper",
        venue: "NeurIPS",
      }),
    ).toEqual({
      id: expect.any(String),
      title: "T",
      abstract: "A.",
      authors: ["Ada Lovelace", "Alan Turing"],
      year: 1843,
      categories: ["cs.LG", "stat.ML"],
      doi: "10.1000/xyz123",
      url: "https://example.org/paper",
      metadata: { venue: "NeurIPS" },
    });
  });

  it("read authors, years and categories written as strings", () => {
    expect(
      paperOf({
        authors: "A. One, B. Two, and C. Three",
        year: " 2021 ",
        categories: "cs.CL, cs.IR",
      }),
    ).toMatchObject({
      authors: ["A. One", "B. Two", "C. Three"],
      year: 2021,
      categories: ["cs.CL", "cs.IR"],
    });
    expect(paperOf({ authors: "A. One; B. Two", categories: "math.CO math.PR" })).toMatchObject({
      authors: ["A. One", "B. Two"],
      categories: ["math.CO", "math.PR"],
    });
  });

  it("link a DOI without url through doi.org, and take a DOI written as a link", () => {
    expect(paperOf({ doi: "https://doi.org/10.1145/3397271.3401063" })).toMatchObject({
      doi: "10.1145/3397271.3401063",
      url: "https://doi.org/10.1145/3397271.3401063",
    });
    expect(paperOf({ doi: "doi:10.1000/a#b" }).url).toBe("https://doi.org/10.1000/a%23b");
  });

  it("leave out null and empty values, without an error or a metadata entry", () => {
    const paper = paperOf({ authors: [], year: null, categories: "", doi: " ", url: null });
    expect(paper).toEqual({ id: expect.any(String), title: "T", abstract: "A." });
  });

  it.each([
    ["a year that is not a number", { year: "next year" }, /"year" "next year" is not a year/],
    ["a year that is not a year", { year: 20245 }, /"year" 20245 is not a year.*four-digit/],
    ["a fractional year", { year: 2020.5 }, /"year" 2020.5 is not a year/],
    ["authors that are not names", { authors: [1, 2] }, /"authors" must be a list of names/],
    ["categories that are not text", { categories: { a: 1 } }, /"categories" must be a list/],
    ["a DOI that is not one", { doi: "not a doi" }, /"doi" "not a doi" is not a DOI/],
    [
      "a url that is not http(s)",
      { url: "javascript:alert(1)" },
      /"url" .* is not an http\(s\) link/,
    ],
  ])("reject %s with the file and line", (_, fields, message) => {
    const error = errorOf({ title: "T", abstract: "A.", ...fields });
    expect([error.file, error.line]).toEqual([FILE, 2]);
    expect(error.message).toMatch(message);
  });

  it("come from CSV columns in any case; an empty cell is no value", () => {
    const text = "Title,Abstract,Authors,YEAR,doi,Venue\nT,A.,A. One and B. Two,2019,,X\n";
    expect(parseCsv(text, "papers.csv")[0]?.paper).toEqual({
      id: expect.any(String),
      title: "T",
      abstract: "A.",
      authors: ["A. One", "B. Two"],
      year: 2019,
      metadata: { Venue: "X" },
    });
  });
});
