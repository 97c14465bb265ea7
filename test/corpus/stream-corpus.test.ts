import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  CorpusError,
  createSeenPapers,
  type PaperOrigin,
  type SeenPapers,
  type SkippedDuplicate,
  seenKeysOf,
  streamCorpus,
} from "../../src/corpus/index.ts";

const dir = mkdtempSync(join(tmpdir(), "paperchat-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, lines: readonly unknown[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.map((line) => JSON.stringify(line)).join("\n"));
  return file;
}

/** A seen lookup as a store would keep it: plain keys and origins, in a table it owns. */
function tableSeenPapers(table: Map<string, PaperOrigin>): SeenPapers & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    firstWith: (key) => {
      asked.push(key);
      return table.get(key);
    },
    remember: (key, origin) => void table.set(key, origin),
  };
}

async function collect(stream: AsyncIterable<{ paper: { id: string } }>): Promise<string[]> {
  const ids: string[] = [];
  for await (const { paper } of stream) ids.push(paper.id);
  return ids;
}

describe("streamCorpus", () => {
  it("skips duplicates through the seen lookup it is given, reporting each to onDuplicate", async () => {
    const file = write("papers.jsonl", [
      { id: "math/0501001", title: "Counting Paths", abstract: "A." },
      { id: "b", title: "Other Paper", abstract: "B." },
      { id: "c", title: "counting  paths!", abstract: "Same title." },
      { id: "earlier", title: "New Title", abstract: "Same id as a paper of a previous read." },
    ]);
    const earlier = { id: "earlier", file: "old.jsonl", line: 7 };
    const table = new Map([[seenKeysOf({ id: "earlier", title: "x" }).id, earlier]]);
    const seen = tableSeenPapers(table);
    const duplicates: SkippedDuplicate[] = [];
    const ids = await collect(
      streamCorpus(file, { seen, onDuplicate: (duplicate) => duplicates.push(duplicate) }),
    );
    expect(ids).toEqual(["math/0501001", "b"]);
    expect(duplicates).toEqual([
      {
        title: "counting paths!",
        file,
        line: 3,
        keptInstead: { id: "math/0501001", file, line: 1, sameBy: "title" },
      },
      { title: "New Title", file, line: 4, keptInstead: { ...earlier, sameBy: "id" } },
    ]);
    expect(seen.asked.slice(0, 2)).toEqual(["title:counting paths", "id:math/0501001"]);
    expect([...table.keys()]).toEqual([
      "id:earlier",
      "title:counting paths",
      "id:math/0501001",
      "title:other paper",
      "id:b",
    ]);
  });

  it("shares one seen lookup across files, and a fresh one per read by default", async () => {
    const a = write("a.jsonl", [{ id: "x", title: "X", abstract: "A." }]);
    const b = write("b.jsonl", [{ id: "x", title: "Y", abstract: "B." }]);
    expect(await collect(streamCorpus([a, b]))).toEqual(["x"]);
    expect(await collect(streamCorpus(b))).toEqual(["x"]);
    const seen = createSeenPapers();
    expect(await collect(streamCorpus(a, { seen }))).toEqual(["x"]);
    expect(await collect(streamCorpus(b, { seen }))).toEqual([]);
  });

  it("yields papers as it reads them: a consumer that stops early never meets a later bad line", async () => {
    const file = join(dir, "bad-tail.jsonl");
    writeFileSync(file, '{"title": "T", "abstract": "A."}\nnot json\n');
    for await (const { paper } of streamCorpus(file)) {
      expect(paper.title).toBe("T");
      break;
    }
    const error = await collect(streamCorpus(file)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorpusError);
    expect([(error as CorpusError).file, (error as CorpusError).line]).toEqual([file, 2]);
  });

  it("checks every file before the first paper, so a missing one fails fast", async () => {
    const good = write("good.jsonl", [{ title: "T", abstract: "A." }]);
    const missing = join(dir, "missing.jsonl");
    const stream = streamCorpus([good, missing]);
    const error = await stream.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorpusError);
    expect((error as CorpusError).message).toBe(
      `${missing}: file not found. Check the path given to --corpus.`,
    );
  });
});
