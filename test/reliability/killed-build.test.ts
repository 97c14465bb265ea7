import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { watch } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { readCorpus } from "../../src/corpus/index.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";
import { createSearchEngine } from "../../src/search/search-engine.ts";
import { MANIFEST_FILE } from "../../src/store/embedded/manifest.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import { BUNDLED_CORPUS, loadTinyEmbedder, TINY_MODEL, tempDir } from "../support/tiny-index.ts";
import { type ProcessEnd, spawnPaperchat } from "./support/paperchat-process.ts";

/** Copies of the bundled corpus: enough papers that writing the index takes a moment. */
const COPIES = 10;
/** Builds killed while writing until one is caught before its manifest switch. */
const WRITE_KILL_ATTEMPTS = 3;
const QUESTIONS = ["graph convolution for recommendation", "sparse bayesian neural networks"];

let embedder: Embedder;
let indexDir: string;
let corpus: string;
let papers: number;
let before: unknown[];

/**
 * The bundled corpus `copies` times, each copy's titles marked so that no paper is a duplicate
 * (and, with another `mark`, no paper text is one the embedding cache already holds).
 */
async function writeLargerCorpus(file: string, copies = COPIES, mark = ""): Promise<number> {
  const { papers: bundled } = await readCorpus([BUNDLED_CORPUS]);
  const lines = Array.from({ length: copies }, (_, copy) =>
    bundled.map(({ title, abstract }) =>
      JSON.stringify({ title: `${title} (${mark}${copy + 1})`, abstract }),
    ),
  ).flat();
  writeFileSync(file, `${lines.join("\n")}\n`);
  return lines.length;
}

async function answers(): Promise<unknown[]> {
  const store = await openEmbeddedStore(indexDir, { encoder: embedder });
  const engine = createSearchEngine({ store, embedder });
  const results = await Promise.all(QUESTIONS.map((question) => engine.searchPapers(question, 5)));
  store.close();
  return results;
}

/** Paper texts whose vectors the embedding cache holds (committed batches). */
function cachedEmbeddings(): number {
  const folder = join(indexDir, "embeddings");
  const [file] = readdirSync(folder).filter((name) => name.endsWith(".sqlite"));
  const db = new Database(join(folder, file!), { readonly: true });
  const count = db.prepare("SELECT count(*) FROM embeddings").pluck().get() as number;
  db.close();
  return count;
}

function indexBuild(args: string[] = ["--force", "--corpus", corpus]) {
  return spawnPaperchat(["index", ...args], {
    PAPERCHAT_MODEL: TINY_MODEL,
    PAPERCHAT_OFFLINE: "1",
    PAPERCHAT_INDEX_DIR: indexDir,
    PAPERCHAT_CACHE_DIR: tempDir("paperchat-cache-"),
  });
}

const entries = () => readdirSync(indexDir).sort();
const manifestText = () => readFileSync(join(indexDir, MANIFEST_FILE), "utf8");

/** Starts `paperchat index --force` and SIGKILLs it when it prints a line matching `when`. */
async function killBuildAtLine(when: RegExp, args?: string[]): Promise<ProcessEnd> {
  const build = indexBuild(args);
  await build.line(when);
  build.child.kill("SIGKILL");
  return build.ended;
}

/**
 * Starts `paperchat index --force` and SIGKILLs it as soon as its new generation folder appears
 * in the index folder, i.e. while it writes the index files (the manifest still names the old).
 */
async function killBuildWhileWriting(): Promise<ProcessEnd> {
  const existing = new Set(entries());
  const stop = new AbortController();
  const watcher = watch(indexDir, { signal: stop.signal });
  const build = indexBuild();
  // Should the folder's creation go unseen, the build ends by itself and the test says so.
  void build.ended.then(() => stop.abort());
  try {
    for await (const { filename } of watcher) {
      if (filename?.startsWith("gen-") && !existing.has(filename)) {
        build.child.kill("SIGKILL");
        break;
      }
    }
  } catch (error) {
    if (!stop.signal.aborted) throw error;
  }
  return build.ended;
}

beforeAll(async () => {
  embedder = await loadTinyEmbedder();
  indexDir = tempDir("paperchat-index-");
  corpus = join(tempDir(), "larger.jsonl");
  papers = await writeLargerCorpus(corpus);
  await buildIndex({ corpusFiles: [corpus], indexDir, embedder });
  before = await answers();
});

describe("paperchat index killed with SIGKILL", () => {
  it("while writing the new files: the previous index is still in force and answers the same", async () => {
    // On a very busy machine the build may finish before the kill lands; then try again.
    for (let attempt = 1; attempt <= WRITE_KILL_ATTEMPTS; attempt++) {
      const manifest = manifestText();
      const end = await killBuildWhileWriting();
      expect(await answers()).toEqual(before);
      if (manifestText() === manifest) {
        // Killed before the manifest switched: the old generation is in force, the new one left over.
        expect(end.signal).toBe("SIGKILL");
        expect(entries().filter((entry) => entry.startsWith("gen-"))).toHaveLength(2);
        return;
      }
    }
    expect.fail(`no build was caught mid-write in ${WRITE_KILL_ATTEMPTS} attempts`);
  });

  it("the next build succeeds and clears what the killed ones left behind", async () => {
    const end = await indexBuild().ended;
    expect(end.code, end.stderr).toBe(0);
    expect(end.stdout).toContain(`Indexed ${papers} papers`);
    const generations = entries().filter((entry) => entry.startsWith("gen-"));
    expect(generations).toHaveLength(1);
    expect(entries()).toEqual([...generations, MANIFEST_FILE, "embeddings"].sort());
    expect(JSON.parse(manifestText()).generation).toBe(generations[0]);
    expect(await answers()).toEqual(before);
  });

  it("while embedding: the previous index answers the same; the rerun embeds only what was not committed", async () => {
    const copies = 20;
    const grown = join(tempDir(), "grown.jsonl");
    const total = await writeLargerCorpus(grown, copies, "new ");
    const manifest = manifestText();
    const cachedBefore = cachedEmbeddings();
    // Killed past half of the papers: several batches are committed, the rest are not.
    const end = await killBuildAtLine(/^papers (\d+)\/\d+ ([5-9]\d)%/, ["--corpus", grown]);
    expect(end.signal).toBe("SIGKILL");
    expect(manifestText()).toBe(manifest);
    expect(await answers()).toEqual(before);
    const committed = cachedEmbeddings() - cachedBefore;
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(total);

    const rerun = await indexBuild(["--corpus", grown, "--json"]).ended;
    expect(rerun.code, rerun.stderr).toBe(0);
    const summary = JSON.parse(rerun.stdout);
    expect(summary).toMatchObject({
      papers: total,
      reused: committed,
      embedded: total - committed,
    });
    expect(cachedEmbeddings() - cachedBefore).toBe(total);

    // The same index as one build that was never interrupted: papers, vectors, answers.
    const resumed = await openEmbeddedStore(indexDir, { encoder: embedder });
    const whole = tempDir("paperchat-index-");
    await buildIndex({ corpusFiles: [grown], indexDir: whole, embedder });
    const straight = await openEmbeddedStore(whole, { encoder: embedder });
    const rows = Array.from({ length: total }, (_, row) => row);
    expect(await resumed.papers(rows)).toEqual(await straight.papers(rows));
    const [a, b] = [await resumed.paperVectors(rows), await straight.paperVectors(rows)];
    for (const row of rows) {
      const cosine = a[row]!.reduce((sum, x, i) => sum + x * b[row]![i]!, 0);
      expect(cosine).toBeGreaterThan(0.99999);
    }
    const engines = [resumed, straight].map((store) => createSearchEngine({ store, embedder }));
    for (const question of QUESTIONS) {
      const [x, y] = await Promise.all(engines.map((e) => e.searchPapers(question, 5)));
      expect(x!.map((r) => r.id)).toEqual(y!.map((r) => r.id));
    }
    await resumed.close();
    await straight.close();
  });
});
