import { cpSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embed/types.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";
import { sentenceRolesOf } from "../../src/indexing/sentence-roles-of.ts";
import { createSearchEngine } from "../../src/search/search-engine.ts";
import { embeddedLocation } from "../../src/store/embedded/embedded-location.ts";
import { INDEX_FILES } from "../../src/store/embedded/manifest.ts";
import { readManifest } from "../../src/store/embedded/manifest-file.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import { IndexError } from "../../src/store/index-errors.ts";
import type { BuildTarget, StoreLocation } from "../../src/store/store-location.ts";
import {
  BUNDLED_CORPUS,
  buildTinyIndex,
  loadTinyEmbedder,
  papersOf,
  tempDir,
} from "../support/tiny-index.ts";

type Built = Awaited<ReturnType<typeof buildTinyIndex>>;

async function searchIn(indexDir: string, embedder: Embedder, question: string) {
  const store = await openEmbeddedStore(indexDir, { encoder: embedder });
  const results = await createSearchEngine({ store, embedder }).searchPapers(question, 5);
  store.close();
  return results;
}

/** The bundled papers as JSON Lines (ids kept), changed by `edit`, written into `dir`. */
async function jsonlCorpus(
  dir: string,
  edit: (papers: { id: string; title: string; abstract: string }[]) => object[],
) {
  const store = await openEmbeddedStore(dir);
  const papers = (await papersOf(store)).map(({ id, title, abstract }) => ({
    id,
    title,
    abstract,
  }));
  store.close();
  const file = join(dir, "corpus.jsonl");
  writeFileSync(
    file,
    edit(papers)
      .map((p) => JSON.stringify(p))
      .join("\n"),
  );
  return file;
}

describe("buildIndex → openEmbeddedStore", () => {
  let built: Built;
  beforeAll(async () => {
    built = await buildTinyIndex();
  });

  it("indexes every paper and sentence with a manifest that says how, and where from", async () => {
    const { manifest } = built;
    expect(manifest.counts.papers).toBe(70);
    expect(manifest.counts.sentences).toBeGreaterThan(70 * 3);
    expect(manifest.model).toBe(built.embedder.modelId);
    expect(manifest.dims).toBe(built.embedder.dims);
    expect(manifest.sentenceVectors).toBe("pooled");
    expect(manifest.corpus.files).toEqual([
      {
        path: BUNDLED_CORPUS,
        bytes: readFileSync(BUNDLED_CORPUS).length,
        mtimeMs: expect.any(Number),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    expect(built).toMatchObject({ papers: 70, embedded: 70, reused: 0, upToDate: false });
    const store = await openEmbeddedStore(built.indexDir);
    expect(store.info.count).toBe(70);
    const papers = await papersOf(store);
    expect(papers).toHaveLength(70);
    const rows = papers.map((_, row) => row);
    const withSentences = await store.papersWithSentences(rows);
    expect(withSentences.map(({ paper }) => paper)).toEqual(papers);
    const vectors = await store.paperVectors(rows);
    for (const { key, paper, sentences } of withSentences) {
      expect(sentences.vectors!.byteLength).toBe(paper.sentences.length * (4 + manifest.dims));
      const texts = paper.sentences.map(([start, end]) => paper.abstract.slice(start, end));
      expect(sentences.roles).toEqual(sentenceRolesOf(texts));
      expect(vectors[key as number]).toHaveLength(manifest.dims);
    }
  });

  it("answers papers with sentences the same from memory as from the file, in the order asked", async () => {
    const store = await openEmbeddedStore(built.indexDir);
    const first = await store.papersWithSentences([0, 1, 2, 3, 4]);
    // Remembered and new rows mixed, reversed, with an unknown row and a repeat.
    const asked = [6, 70, 4, 3, 2, 1, 0, 6];
    const again = await store.papersWithSentences(asked);
    expect(again.map(({ key }) => key)).toEqual(asked.filter((row) => row !== 70));
    expect(again.slice(1, 6)).toEqual([...first].reverse());
    const fresh = await openEmbeddedStore(built.indexDir);
    expect(await fresh.papersWithSentences(asked)).toEqual(again);
    store.close();
    fresh.close();
  });

  it("gives the same results after a reload as a fresh rebuild", async () => {
    const again = tempDir();
    await buildIndex({ corpusFiles: [BUNDLED_CORPUS], indexDir: again, embedder: built.embedder });
    const question = "sparse concept layers on top of CLIP";
    expect(await searchIn(again, built.embedder, question)).toEqual(
      await searchIn(built.indexDir, built.embedder, question),
    );
  });

  it("does not rebuild or embed when corpus files and model are unchanged", async () => {
    const calls = built.embedder.stats.calls;
    const result = await buildIndex({
      corpusFiles: [BUNDLED_CORPUS],
      indexDir: built.indexDir,
      embedder: built.embedder,
    });
    expect(result).toMatchObject({ upToDate: true, embedded: 0 });
    expect(result.manifest).toEqual(built.manifest);
    expect((await readManifest(built.indexDir)).builtAt).toBe(built.manifest.builtAt);
    expect(built.embedder.stats.calls).toBe(calls);
  });

  it("keeps an index of separate sentence vectors current when the next build does not name the mode", async () => {
    const dir = tempDir();
    const { embedder } = built;
    const options = { corpusFiles: [BUNDLED_CORPUS], indexDir: dir, embedder };
    await buildIndex({ ...options, sentenceVectors: "separate" });
    const before = await readManifest(dir);
    const again = await buildIndex(options);
    expect(again).toMatchObject({ upToDate: true, embedded: 0 });
    expect((await readManifest(dir)).builtAt).toBe(before.builtAt);
    expect(before.sentenceVectors).toBe("separate");
  });

  it("embeds only the new paper when one is added, keyed by content", async () => {
    const dir = tempDir();
    cpSync(built.indexDir, dir, { recursive: true });
    const extra = {
      title: "A Paper That Was Not There Before",
      abstract: "It proposes nothing. It measures less.",
    };
    const jsonl = await jsonlCorpus(dir, (papers) => [...papers, extra]);
    const texts = built.embedder.stats.texts;
    const result = await buildIndex({
      corpusFiles: [jsonl],
      indexDir: dir,
      embedder: built.embedder,
    });
    expect(result).toMatchObject({ upToDate: false, papers: 71, embedded: 1, reused: 70 });
    expect(built.embedder.stats.texts - texts).toBeLessThanOrEqual(3);
    const store = await openEmbeddedStore(dir);
    expect(store.info.count).toBe(71);
    expect(await store.paperVectors([0, 69])).toEqual(
      await (await openEmbeddedStore(built.indexDir)).paperVectors([0, 69]),
    );
  });

  it("drops removed papers without embedding anything", async () => {
    const dir = tempDir();
    cpSync(built.indexDir, dir, { recursive: true });
    const jsonl = await jsonlCorpus(dir, (papers) => papers.slice(10));
    const calls = built.embedder.stats.calls;
    const result = await buildIndex({
      corpusFiles: [jsonl],
      indexDir: dir,
      embedder: built.embedder,
    });
    expect(result).toMatchObject({ papers: 60, embedded: 0, reused: 60 });
    expect(built.embedder.stats.calls).toBe(calls);
    const store = await openEmbeddedStore(dir);
    expect(store.info.count).toBe(60);
    const removed = (await papersOf(await openEmbeddedStore(built.indexDir)))[0]!;
    expect(await store.papersById([removed.id])).toEqual([]);
    const engine = createSearchEngine({ store });
    const similar = (await engine.similarPapers((await papersOf(store))[0]!.id, 59))!;
    expect(similar.results.map((r) => r.id)).not.toContain(removed.id);
  });

  it("refuses an index built with another model, saying how to fix it", async () => {
    const encoder = { modelId: "Xenova/all-MiniLM-L6-v2" };
    const error = await openEmbeddedStore(built.indexDir, { encoder }).catch((e) => e);
    expect(error).toBeInstanceOf(IndexError);
    expect(error.code).toBe("model-mismatch");
    expect(error.message).toContain("npm run index -- --model Xenova/all-MiniLM-L6-v2");
  });

  it("says how to build when there is no index", async () => {
    const error = await openEmbeddedStore(tempDir()).catch((e) => e);
    expect(error).toBeInstanceOf(IndexError);
    expect(error.code).toBe("missing");
    expect(error.message).toContain("npm run index");
  });
});

describe("a lexical-only index (no model)", () => {
  it("is built without vectors, searched by words, and embedded by the next build with a model", async () => {
    const indexDir = tempDir();
    const lexical = await buildIndex({ corpusFiles: [BUNDLED_CORPUS], indexDir });
    expect(lexical.manifest).toMatchObject({ model: null, dims: 0 });
    expect(Object.keys((await readManifest(indexDir)).files)).toEqual([INDEX_FILES.papers]);
    const store = await openEmbeddedStore(indexDir);
    expect(store.info.hasVectors).toBe(false);
    const engine = createSearchEngine({ store, embedder: await loadTinyEmbedder() });
    expect(engine.semantic).toBe(false);
    const [first] = await engine.searchPapers("LightGCN", 3);
    expect(first!.title).toMatch(/^LightGCN/);
    store.close();

    const embedder = await loadTinyEmbedder();
    const semantic = await buildIndex({ corpusFiles: [BUNDLED_CORPUS], indexDir, embedder });
    expect(semantic).toMatchObject({ upToDate: false, embedded: 70 });
    expect((await openEmbeddedStore(indexDir, { encoder: embedder })).info.hasVectors).toBe(true);
  });
});

describe("index files on disk", () => {
  it("a build that fails midway leaves the previous index loadable and unchanged", async () => {
    const built = await buildTinyIndex();
    const question = "graph convolution for recommendation";
    const before = await searchIn(built.indexDir, built.embedder, question);
    const grown = await jsonlCorpus(built.indexDir, (papers) =>
      papers.map((p) => ({ ...p, title: `${p.title} (second edition)` })),
    );
    const failing: Embedder = {
      ...built.embedder,
      embedPapers: () => Promise.reject(new Error("the model crashed")),
    };
    await expect(
      buildIndex({ corpusFiles: [grown], indexDir: built.indexDir, embedder: failing }),
    ).rejects.toThrow("the model crashed");
    expect(readdirSync(built.indexDir).filter((f) => f.startsWith("gen-"))).toHaveLength(2);
    expect(await searchIn(built.indexDir, built.embedder, question)).toEqual(before);
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
      const error = await openEmbeddedStore(dir).catch((e) => e);
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

describe("a store that writes more slowly than the corpus is read", () => {
  it("keeps the papers read but not yet written bounded, and writes them all", async () => {
    const dir = tempDir();
    const corpus = join(dir, "papers.jsonl");
    const papers = Array.from({ length: 1000 }, (_, i) => ({
      id: `2401.${String(i).padStart(5, "0")}`,
      title: `Paper ${i} on slow stores`,
      abstract: `Paper ${i} measures how far reading runs ahead of writing. It holds little.`,
    }));
    writeFileSync(corpus, papers.map((paper) => JSON.stringify(paper)).join("\n"));
    const location = embeddedLocation(join(dir, "index"));
    let written = 0;
    let mostAhead = 0;
    const slowStore: StoreLocation = {
      ...location,
      description: location.description,
      stored: () => location.stored(),
      open: (options) => location.open(options),
      async beginBuild(options) {
        const target = await location.beginBuild(options);
        const add: BuildTarget["add"] = async (row, record, embedding) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          await target.add(row, record, embedding);
          written += 1;
        };
        return new Proxy(target, {
          get: (held, key) => (key === "add" ? add : Reflect.get(held, key, held)),
        });
      },
    };
    const maxWaiting = 100;
    const result = await buildIndex({
      corpusFiles: [corpus],
      store: slowStore,
      maxWaiting,
      onProgress: ({ phase, done }) => {
        if (phase === "papers") mostAhead = Math.max(mostAhead, done - written);
      },
    });
    expect(result.papers).toBe(1000);
    expect(written).toBe(1000);
    // At most the limit, one batch of look-ups and one progress step past it.
    expect(mostAhead).toBeLessThanOrEqual(maxWaiting + 128 + 64);
    expect(mostAhead).toBeGreaterThan(0);
  });
});
