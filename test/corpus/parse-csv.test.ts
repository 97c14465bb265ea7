import { describe, expect, it } from "vitest";
import { CorpusError, paperId, parseCsv } from "../../src/corpus/index.ts";

const FILE = "papers.csv";

function errorOf(text: string): CorpusError {
  try {
    parseCsv(text, FILE);
  } catch (error) {
    if (error instanceof CorpusError) return error;
    throw error;
  }
  throw new Error("expected a CorpusError");
}

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, BOM and CRLF", () => {
    const text =
      '\uFEFFID,Title,Abstract,Venue\r\np1,"Nets, Deep","He said ""hi"".\r\nThen left.",NeurIPS\r\n\r\np2,Plain,"Short.",\r\n';
    expect(parseCsv(text, FILE)).toEqual([
      {
        paper: {
          id: "p1",
          title: "Nets, Deep",
          abstract: 'He said "hi".\r\nThen left.',
          metadata: { Venue: "NeurIPS" },
        },
        file: FILE,
        line: 2,
      },
      {
        paper: { id: "p2", title: "Plain", abstract: "Short.", metadata: { Venue: "" } },
        file: FILE,
        line: 5,
      },
    ]);
  });

  it("derives ids when there is no id column and needs no final line break", () => {
    const [located] = parseCsv("abstract,title\nSome text.,A Title", FILE);
    expect(located?.paper).toEqual({
      id: paperId("A Title"),
      title: "A Title",
      abstract: "Some text.",
    });
  });

  it("counts lines inside quoted fields when numbering later rows", () => {
    const error = errorOf('title,abstract\nT,"multi\nline\nabstract."\nU,\n');
    expect(error.line).toBe(5);
    expect(error.message).toMatch(/papers\.csv:5: "abstract" is empty/);
  });

  it.each([
    ["no header", "", 1, /no header row/],
    [
      "a missing column",
      "title,summary\nT,A.\n",
      1,
      /no "abstract" column \(found: title, summary\)/,
    ],
    ["both columns missing", "name\nT\n", 1, /no "title" or "abstract" column/],
    ["a repeated column", "title,abstract,Title\nT,A.,U\n", 1, /column "title" appears twice/],
    ["too many fields", "title,abstract\nT,A.\nU,B.,extra\n", 3, /3 fields, but the header has 2/],
    ["too few fields", "title,abstract\nT,A.\nU\n", 3, /1 fields, but the header has 2/],
    [
      "an unclosed quote",
      'title,abstract\nT,A.\nU,"never\nclosed\n',
      3,
      /quoted field is never closed/,
    ],
    ["text after a closing quote", 'title,abstract\nU,"B." x\n', 2, /text after a closing quote/],
    ["an empty title", "title,abstract\n,A.\n", 2, /"title" is empty/],
    [
      "an unusable id",
      "id,title,abstract\n has space,T,A.\n",
      2,
      /"id" " has space" is not a usable id/,
    ],
    [
      "a year that is not one",
      "title,abstract,year\nT,A.,2024-05\n",
      2,
      /"year" "2024-05" is not a year/,
    ],
  ])("reports %s with its file and line", (_, text, line, message) => {
    const error = errorOf(text);
    expect(error.file).toBe(FILE);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${FILE}:${line}: `)).toBe(true);
  });
});
