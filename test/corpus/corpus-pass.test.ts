import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprintCorpusFile, readCorpus, readCorpusOnce } from "../../src/corpus/index.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";
import { BUNDLED_CORPUS, loadTinyEmbedder, tempDir } from "../support/tiny-index.ts";

/** The bundled papers as JSON Lines, `copies` times with numbered titles (no duplicates). */
async function jsonl(copies: number): Promise<string> {
  const { papers } = await readCorpus([BUNDLED_CORPUS]);
  const lines = Array.from({ length: copies }, (_, copy) =>
    papers.map(({ title, abstract }) => JSON.stringify({ title: `${title} (${copy})`, abstract })),
  ).flat();
  return `${lines.join("\n")}\n`;
}

describe("readCorpusOnce", () => {
  it("yields the papers streamCorpus yields and the fingerprints a separate hash gives", async () => {
    const file = join(tempDir(), "papers.jsonl");
    writeFileSync(file, await jsonl(30));
    const txt = BUNDLED_CORPUS;
    const pass = await readCorpusOnce([file, txt]);
    expect(() => pass.fingerprints()).toThrow(/not been read to its end/);
    const estimates: number[] = [];
    let count = 0;
    for await (const { paper } of pass.papers) {
      count += 1;
      if (count % 300 === 0) estimates.push(pass.estimatedPapers(count));
      expect(paper.title).toBeTruthy();
    }
    const expected = (await readCorpus([file, txt])).papers.length;
    expect(count).toBe(expected);
    expect(pass.bytesRead).toBe(pass.totalBytes);
    expect(pass.fingerprints()).toEqual([
      await fingerprintCorpusFile(file),
      await fingerprintCorpusFile(txt),
    ]);
    // Read paper by paper, the estimate is close to the truth from early on.
    for (const estimate of estimates) {
      expect(Math.abs(estimate - expected) / expected).toBeLessThan(0.1);
    }
  });

  it("lets a build read each corpus file once: a named pipe, which can be read only once, builds", async () => {
    const dir = tempDir();
    const pipe = join(dir, "once.jsonl");
    execFileSync("mkfifo", [pipe]);
    const text = await jsonl(2);
    // The writer opens when the build opens the pipe to read; a second reader would wait forever.
    const writer = createWriteStream(pipe);
    writer.end(text);
    const embedder = await loadTinyEmbedder();
    const built = buildIndex({ corpusFiles: [pipe], indexDir: join(dir, "index"), embedder });
    const timeout = new Promise((_, reject) => {
      setTimeout(
        () => reject(new Error("the build waited for a second read of the pipe")),
        30_000,
      ).unref();
    });
    const result = (await Promise.race([built, timeout])) as Awaited<typeof built>;
    expect(result.papers).toBe(140);
    expect(result.manifest.corpus.files[0]!.sha256).toBe(
      createHash("sha256").update(text).digest("hex"),
    );
  });
});
