import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";
import type { PaperStore, StoredPaper } from "../../src/store/paper-store.ts";

/** The generated tiny BERT model (`npm test` generates it first; see scripts/generate-fixture-models.ts). */
export const TINY_MODEL = resolve(import.meta.dirname, "../fixtures/models/paperchat-tiny-bert");
/** The bundled corpus. */
export const BUNDLED_CORPUS = resolve(import.meta.dirname, "../../data/trending-papers.txt");

/** A fresh temporary folder. */
export function tempDir(prefix = "paperchat-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Loads the tiny fixture model through the real transformers.js path, offline. */
export function loadTinyEmbedder(): Promise<Embedder> {
  return loadEmbedder({ model: TINY_MODEL, offline: true, cacheDir: tempDir("paperchat-cache-") });
}

/**
 * Builds a real index of the bundled corpus with the tiny model into a fresh folder.
 *
 * @example
 * const { indexDir, embedder } = await buildTinyIndex();
 */
export async function buildTinyIndex(corpusFiles: string[] = [BUNDLED_CORPUS]) {
  const embedder = await loadTinyEmbedder();
  const indexDir = tempDir("paperchat-index-");
  const result = await buildIndex({ corpusFiles, indexDir, embedder });
  return { indexDir, embedder, ...result };
}

/** Every paper of a store, in corpus order. */
export async function papersOf(store: PaperStore): Promise<StoredPaper[]> {
  const refs = await store.list(0, store.info.count);
  return (await store.papersById(refs.map((paper) => paper.id))).map(({ paper }) => paper);
}
