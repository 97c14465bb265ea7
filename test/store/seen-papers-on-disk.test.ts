import { describe, expect, it } from "vitest";
import { createSeenPapersOnDisk } from "../../src/store/seen-papers-on-disk.ts";

describe("seen papers kept on disk", () => {
  it("finds the first paper remembered under a key, past what its page cache holds", () => {
    const seen = createSeenPapersOnDisk();
    try {
      // 60k keys of ~60 bytes spill well past SQLite's 2 MB page cache into the temporary file.
      for (let line = 1; line <= 30_000; line++) {
        const origin = { id: `2401.${line}`, file: "/corpora/arxiv-part-1.jsonl", line };
        seen.remember(`title:a paper about graphs and their many neighbours ${line}`, origin);
        seen.remember(`id:2401.${line}`, origin);
      }
      seen.remember("id:2401.7", { id: "later", file: "b.jsonl", line: 1 });
      expect(seen.firstWith("id:2401.7")).toEqual({
        id: "2401.7",
        file: "/corpora/arxiv-part-1.jsonl",
        line: 7,
      });
      expect(
        seen.firstWith("title:a paper about graphs and their many neighbours 29999")?.line,
      ).toBe(29_999);
      expect(seen.has("id:2401.30000")).toBe(true);
      expect(seen.has("id:2401.30001")).toBe(false);
      expect(seen.firstWith("title:never seen")).toBeUndefined();
    } finally {
      seen.close();
    }
    seen.close();
  });
});
