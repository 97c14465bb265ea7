import { appendFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { type SeenPapers, streamCorpus } from "../../src/corpus/index.ts";

const PAPERS = 200_000;
const CHECK_EVERY = 20_000;
/** Far below the corpus itself (about 100 MB on disk, twice that as JavaScript strings). */
const MAX_GROWTH_BYTES = 16 * 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), "paperchat-memory-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Live memory after a full collection: the JS heap and the buffers it holds. */
function liveBytes(): number {
  collectGarbage();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/** An arXiv-shaped corpus of `count` distinct papers, written a thousand lines at a time. */
function writeCorpus(file: string, count: number): void {
  const sentence = "We study a model of the problem and show that it converges quickly. ";
  for (let start = 0; start < count; start += 1000) {
    const lines: string[] = [];
    for (let n = start; n < Math.min(count, start + 1000); n++) {
      const id = n % 10 === 0 ? `math/${String(n).padStart(7, "0")}` : `2401.${n}`;
      const abstract = `  Paper ${n}.\n  ${sentence.repeat(5)}`;
      lines.push(
        JSON.stringify({
          id,
          title: `Paper number ${n}`,
          abstract,
          update_date: "2024-01-02",
          versions: [],
        }),
      );
    }
    appendFileSync(file, `${lines.join("\n")}\n`);
  }
}

/** A seen lookup that keeps nothing in memory, as a store that keeps the keys on disk. */
const seenElsewhere: SeenPapers = { firstWith: () => undefined, remember: () => undefined };

describe("streamCorpus memory", () => {
  it("stays bounded over a 200,000-paper JSONL read by a slow consumer", async () => {
    const file = join(dir, "large.jsonl");
    writeCorpus(file, PAPERS);
    expect(statSync(file).size).toBeGreaterThan(80 * 1024 * 1024);
    let read = 0;
    let baseline = 0;
    let highest = 0;
    for await (const { paper } of streamCorpus(file, { seen: seenElsewhere })) {
      read++;
      // Yield to the event loop on every paper, as a model or a database would, so that a
      // reader without back-pressure would run ahead and pile lines up in memory.
      await new Promise((resolve) => setImmediate(resolve));
      if (read === 1000) baseline = liveBytes();
      if (read % CHECK_EVERY === 0) highest = Math.max(highest, liveBytes());
      if (read === PAPERS) expect(paper.abstract).toMatch(/^Paper 199999\. We study/);
    }
    expect(read).toBe(PAPERS);
    expect(highest - baseline).toBeLessThan(MAX_GROWTH_BYTES);
  }, 300_000);
});
