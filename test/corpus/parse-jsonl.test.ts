import { describe, expect, it } from "vitest";
import { CorpusError, paperId, parseJsonl } from "../../src/corpus/index.ts";

const FILE = "papers.jsonl";

function errorOf(text: string): CorpusError {
  try {
    parseJsonl(text, FILE);
  } catch (error) {
    if (error instanceof CorpusError) return error;
    throw error;
  }
  throw new Error("expected a CorpusError");
}

describe("parseJsonl", () => {
  it("reads papers, keeps given ids and extra fields, skips blank lines", () => {
    const text = [
      '{"id": "2401.00001", "title": "First", "abstract": "One.", "year": 2024, "authors": ["A"]}',
      "",
      '  {"title": "  Second\\n  Title ", "abstract": " Two. "}  ',
      '{"id": 42, "title": "Third", "abstract": "Three."}',
    ].join("\r\n");
    expect(parseJsonl(text, FILE)).toEqual([
      {
        paper: { id: "2401.00001", title: "First", abstract: "One.", year: 2024, authors: ["A"] },
        file: FILE,
        line: 1,
      },
      {
        paper: { id: paperId("Second Title"), title: "Second Title", abstract: "Two." },
        file: FILE,
        line: 3,
      },
      { paper: { id: "42", title: "Third", abstract: "Three." }, file: FILE, line: 4 },
    ]);
  });

  it("accepts a byte-order mark and an empty file", () => {
    expect(parseJsonl('\uFEFF{"title": "T", "abstract": "A."}', FILE)).toHaveLength(1);
    expect(parseJsonl("\n\n", FILE)).toEqual([]);
  });

  it.each([
    [
      "malformed JSON",
      '{"title": "T", "abstract": ',
      /papers\.jsonl:2: not valid JSON.*one JSON object/,
    ],
    ["an array", '["T", "A."]', /papers\.jsonl:2: expected a JSON object.*got an array/],
    ["a missing title", '{"abstract": "A."}', /papers\.jsonl:2: missing "title"/],
    ["a missing abstract", '{"title": "T"}', /papers\.jsonl:2: missing "abstract"/],
    ["an empty title", '{"title": "  ", "abstract": "A."}', /papers\.jsonl:2: "title" is empty/],
    [
      "a title that is not text",
      '{"title": 7, "abstract": "A."}',
      /papers\.jsonl:2: "title" must be text/,
    ],
    [
      "an id with a line break",
      '{"id": "a/b\\nc", "title": "T", "abstract": "A."}',
      /papers\.jsonl:2: "id" "a\/b\\nc" is not a usable id/,
    ],
  ])("reports %s with its file and line", (_, bad, message) => {
    const error = errorOf(`{"title": "Good", "abstract": "Fine."}\n${bad}\n`);
    expect(error.message).toMatch(message);
    expect(error.file).toBe(FILE);
    expect(error.line).toBe(2);
  });

  it("counts blank lines when numbering lines", () => {
    expect(errorOf('\n\n{"title": "T"}').line).toBe(3);
  });
});
