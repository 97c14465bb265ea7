import { cpSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../../src/index/build-index.ts";
import { IndexError } from "../../src/index/index-errors.ts";
import { loadIndex } from "../../src/index/load-index.ts";
import { INDEX_FILES } from "../../src/index/manifest.ts";
import { writeIndex } from "../../src/index/write-index.ts";
import { createSearchEngine } from "../../src/search/search-engine.ts";
import {
  BUNDLED_CORPUS,
  buildTinyIndex,
  loadTinyEmbedder,
  tempDir,
} from "../support/tiny-index.ts";

type Built = Awaited<ReturnType<typeof buildTinyIndex>>;

async function searchIn(indexDir: string, built: Built, question: string) {
  const index = await loadIndex(indexDir, { model: built.embedder.modelId });
  return createSearchEngine({ index, embedder: built.embedder }).searchPapers(question, 5);
}

describe("buildIndex → loadIndex", () => {
  let built: Built;
  beforeAll(async () => {
    built = await buildTinyIndex();
  });

  it("indexes every paper and sentence with a manifest that says how", async () => {
    const { manifest } = built;
    expect(manifest.counts.papers).toBe(70);
    expect(manifest.counts.sentences).toBeGreaterThan(70 * 3);
    expect(manifest.model).toBe(built.embedder.modelId);
    expect(manifest.dims).toBe(built.embedder.dims);
    const index = await loadIndex(built.indexDir);
    expect(index.papers).toHaveLength(70);
    expect(index.paperVectors.length).toBe(70 * manifest.dims);
    expect(index.sentenceVectors.length).toBe(manifest.counts.sentences * manifest.dims);
  });

  it("gives the same results after a reload as a fresh rebuild", async () => {
    const again = tempDir();
    await buildIndex({ corpusFiles: [BUNDLED_CORPUS], indexDir: again, embedder: built.embedder });
    const question = "sparse concept layers on top of CLIP";
    expect(await searchIn(again, built, question)).toEqual(
      await searchIn(built.indexDir, built, question),
    );
  });

  it("does not embed again when corpus and model are unchanged", async () => {
    const calls = built.embedder.stats.calls;
    const result = await buildIndex({
      corpusFiles: [BUNDLED_CORPUS],
      indexDir: built.indexDir,
      embedder: built.embedder,
    });
    expect(result.reused).toBe(true);
    expect(built.embedder.stats.calls).toBe(calls);
  });

  it("embeds only new text when papers are added, carrying the rest over", async () => {
    const dir = tempDir();
    cpSync(built.indexDir, dir, { recursive: true });
    const index = await loadIndex(dir);
    const extra = {
      title: "A Paper That Was Not There Before",
      abstract: "It proposes nothing. It measures less.",
    };
    const jsonl = join(dir, "grown.jsonl");
    writeFileSync(
      jsonl,
      [...index.papers.map(({ id, title, abstract }) => ({ id, title, abstract })), extra]
        .map((p) => JSON.stringify(p))
        .join("\n"),
    );
    const texts = built.embedder.stats.texts;
    const result = await buildIndex({
      corpusFiles: [jsonl],
      indexDir: dir,
      embedder: built.embedder,
    });
    expect(result.reused).toBe(false);
    expect(result.embedded).toBe(3); // the new paper and its two sentences
    expect(built.embedder.stats.texts - texts).toBe(3);
    expect(result.carriedOver).toBe(70 + index.manifest.counts.sentences);
    const grown = await loadIndex(dir);
    expect(grown.papers).toHaveLength(71);
    expect(grown.paperVectors.subarray(0, 70 * grown.manifest.dims)).toEqual(index.paperVectors);
  });

  it("refuses an index built with another model, saying how to fix it", async () => {
    const error = await loadIndex(built.indexDir, { model: "Xenova/all-MiniLM-L6-v2" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(IndexError);
    expect(error.code).toBe("model-mismatch");
    expect(error.message).toContain("npm run index -- --model Xenova/all-MiniLM-L6-v2");
  });

  it("says how to build when there is no index", async () => {
    const error = await loadIndex(tempDir()).catch((e) => e);
    expect(error).toBeInstanceOf(IndexError);
    expect(error.code).toBe("missing");
    expect(error.message).toContain("npm run index");
  });
});

describe("index files on disk", () => {
  it("a build that fails mid-write leaves the previous index loadable and unchanged", async () => {
    const built = await buildTinyIndex();
    const before = await searchIn(built.indexDir, built, "graph convolution for recommendation");
    const index = await loadIndex(built.indexDir);
    // Real data with one field JSON cannot write: the build fails after the first files are written.
    const broken = { ...index.bm25, avgLength: 10n as unknown as number };
    await expect(
      writeIndex(
        built.indexDir,
        { ...index, sentenceTerms: index.sentenceTerms.packed, bm25: broken },
        index.manifest,
      ),
    ).rejects.toThrow(/BigInt/);
    expect(readdirSync(built.indexDir).filter((f) => f.startsWith("gen-"))).toHaveLength(2);
    expect(await searchIn(built.indexDir, built, "graph convolution for recommendation")).toEqual(
      before,
    );
    // The next good build cleans up what the failed one left behind.
    await buildIndex({
      corpusFiles: [BUNDLED_CORPUS],
      indexDir: built.indexDir,
      embedder: built.embedder,
      force: true,
    });
    expect(readdirSync(built.indexDir).filter((f) => f.startsWith("gen-"))).toHaveLength(1);
  });

  it.each([
    ["truncated", (path: string) => truncateSync(path, 100), /is 100 bytes, expected/],
    [
      "corrupted",
      (path: string) => {
        const bytes = readFileSync(path);
        const middle = bytes.length >> 1;
        bytes[middle] = bytes[middle]! ^ 0xff;
        writeFileSync(path, bytes);
      },
      /does not match its checksum/,
    ],
  ])("a %s file is detected at load, named, with what to do", async (_kind, damage, pattern) => {
    const built = await buildTinyIndex();
    for (const name of Object.values(INDEX_FILES)) {
      const dir = tempDir();
      cpSync(built.indexDir, dir, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
      const path = join(dir, manifest.generation, name);
      damage(path);
      const error = await loadIndex(dir).catch((e) => e);
      expect(error).toBeInstanceOf(IndexError);
      expect(error.code).toBe("corrupt");
      expect(error.message).toContain(path);
      expect(error.message).toMatch(pattern);
      expect(error.message).toContain("--force");
    }
  });

  it("rejects an empty corpus with a clear message", async () => {
    const dir = tempDir();
    const file = join(dir, "empty.jsonl");
    writeFileSync(file, "\n");
    const embedder = await loadTinyEmbedder();
    await expect(buildIndex({ corpusFiles: [file], indexDir: dir, embedder })).rejects.toThrow(
      file,
    );
  });
});
