import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  CorpusError,
  corpusFormatOf,
  paperId,
  parseJsonl,
  readCorpus,
} from "../../src/corpus/index.ts";

const BUNDLED = "data/trending-papers.txt";
const dir = mkdtempSync(join(tmpdir(), "paperchat-corpus-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function errorOf(promise: Promise<unknown>): Promise<CorpusError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CorpusError);
  return error as CorpusError;
}

describe("readCorpus", () => {
  it("reads the bundled page: 70 papers, no duplicates", async () => {
    const { papers, duplicates } = await readCorpus(BUNDLED);
    expect(papers).toHaveLength(70);
    expect(duplicates).toEqual([]);
  });

  it("merges files of different formats in order and reports duplicates by title and id", async () => {
    const jsonl = write(
      "more.jsonl",
      [
        '{"id": "x1", "title": "A New Paper", "abstract": "New."}',
        '{"title": "ssd: single shot MULTIBOX detector", "abstract": "Again."}',
        '{"id": "x1", "title": "Another Paper", "abstract": "Same id."}',
      ].join("\n"),
    );
    const csv = write("more.csv", "title,abstract\nA  new paper!,Copy.\nFresh,Text.\n");
    const { papers, duplicates } = await readCorpus([BUNDLED, jsonl, csv]);
    expect(papers.map((p) => p.title).slice(70)).toEqual(["A New Paper", "Fresh"]);
    expect(papers[0]?.title).toMatch(/^RCNet/);
    const ssd = papers.find((p) => p.title.startsWith("SSD"));
    expect(duplicates).toEqual([
      {
        title: "ssd: single shot MULTIBOX detector",
        file: jsonl,
        line: 2,
        keptInstead: { id: ssd?.id, file: BUNDLED, line: 91, sameBy: "title" },
      },
      {
        title: "Another Paper",
        file: jsonl,
        line: 3,
        keptInstead: { id: "x1", file: jsonl, line: 1, sameBy: "id" },
      },
      {
        title: "A new paper!",
        file: csv,
        line: 2,
        keptInstead: { id: "x1", file: jsonl, line: 1, sameBy: "title" },
      },
    ]);
  });

  it("reports a paper listed twice in one page with the line of its second title", async () => {
    const abstract = "An abstract that is long enough to be read as a paragraph of prose. ".repeat(
      5,
    );
    const page = write(
      "twice.txt",
      `T One\n\n${abstract}\n\nT Two\n\n${abstract}\n\nT One\n\n${abstract}\n`,
    );
    const { papers, duplicates } = await readCorpus(page);
    expect(papers.map((p) => p.title)).toEqual(["T One", "T Two"]);
    expect(duplicates).toEqual([
      {
        title: "T One",
        file: page,
        line: 9,
        keptInstead: { id: papers[0]?.id, file: page, line: 1, sameBy: "title" },
      },
    ]);
  });

  it("reads every file in the format given, whatever its extension", async () => {
    const file = write("papers.data", '{"title": "T", "abstract": "A."}\n');
    const { papers } = await readCorpus(file, { format: "jsonl" });
    expect(papers).toEqual([{ id: paperId("T"), title: "T", abstract: "A." }]);
  });

  it("streams JSON Lines to the same papers and line numbers as parseJsonl", async () => {
    const text =
      '\uFEFF{"title": "T", "abstract": "A."}\r\n\r\n{"id": "u", "title": "U", "abstract": "B."}\r\n';
    const file = write("bom-crlf.jsonl", text);
    const { papers } = await readCorpus(file);
    expect(papers).toEqual(parseJsonl(text, file).map((l) => l.paper));
    const bad = write("bad-crlf.jsonl", `${text}\r\n{"title": "V"}\r\n`);
    expect((await errorOf(readCorpus(bad))).line).toBe(5);
  });

  it("rejects an unknown extension, listing the accepted ones", async () => {
    const file = write("papers.xml", "<papers/>");
    const error = await errorOf(readCorpus(file));
    expect(error.file).toBe(file);
    expect(error.message).toMatch(/\.jsonl, \.ndjson, \.json, \.csv, \.txt.*--format/);
  });

  it("reads .json as JSON Lines (the arXiv snapshot's name) and says how to turn an array into lines", async () => {
    const lines = write(
      "arxiv-metadata-oai-snapshot.json",
      '{"id": "math/0501001", "title": "T", "abstract": "A."}\n',
    );
    expect((await readCorpus(lines)).papers.map((p) => p.id)).toEqual(["math/0501001"]);
    const array = write("array.json", '[{"title": "T", "abstract": "A."}]');
    const error = await errorOf(readCorpus(array));
    expect([error.file, error.line]).toEqual([array, 1]);
    expect(error.message).toContain("jq -c '.[]' papers.json > papers.jsonl");
  });

  it("rejects a missing file, a folder, an empty file and an empty list", async () => {
    const missing = join(dir, "nope.jsonl");
    expect((await errorOf(readCorpus(missing))).message).toBe(
      `${missing}: file not found. Check the path given to --corpus.`,
    );
    expect((await errorOf(readCorpus(dir, { format: "csv" }))).message).toMatch(/is a folder/);
    const empty = write("empty.jsonl", "\n");
    expect((await errorOf(readCorpus(empty))).message).toMatch(/empty\.jsonl: contains no papers/);
    expect((await errorOf(readCorpus([]))).message).toMatch(/--corpus FILE/);
  });

  it("passes on a bad record's file and line", async () => {
    const file = write("bad.ndjson", '{"title": "T", "abstract": "A."}\n{"title": "U"}\n');
    const error = await errorOf(readCorpus(file));
    expect([error.file, error.line]).toEqual([file, 2]);
  });
});

describe("corpusFormatOf", () => {
  it.each([
    ["a.jsonl", "jsonl"],
    ["a.NDJSON", "jsonl"],
    ["dir.v2/a.csv", "csv"],
    ["a.txt", "trending"],
  ] as const)("reads %s as %s", (file, format) => {
    expect(corpusFormatOf(file)).toBe(format);
  });
});
