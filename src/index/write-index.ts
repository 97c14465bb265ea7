import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Paper } from "../corpus/types.ts";
import { writeBinary } from "./binary-file.ts";
import { type Bm25Index, bm25Data } from "./bm25.ts";
import { fileDigest } from "./file-digest.ts";
import type { Hnsw } from "./hnsw.ts";
import { INDEX_FILES, type IndexManifest, MANIFEST_FILE } from "./manifest.ts";

/** A paper as stored in an index: its sentences as [start, end) offsets into the abstract. */
export interface IndexedPaper extends Paper {
  sentences: [number, number][];
}

/** Everything one build produced, in memory. */
export interface IndexData {
  papers: IndexedPaper[];
  paperVectors: Float32Array;
  sentenceVectors: Float32Array;
  /** Term ids of every sentence, packed (see `packSentenceTerms`). */
  sentenceTerms: Uint32Array;
  hnsw: Hnsw;
  bm25: Bm25Index;
}

/**
 * Writes a build into a fresh generation folder, then switches `manifest.json` to it with an
 * atomic rename. Until that rename the previous manifest (and its folder) stay in force, so a
 * crash at any point leaves the last good index loadable. Older generations are removed after.
 *
 * @example
 * const manifest = await writeIndex("index", data, { model, dims, ... });
 */
export async function writeIndex(
  dir: string,
  data: IndexData,
  manifest: Omit<IndexManifest, "generation" | "files" | "builtAt">,
): Promise<IndexManifest> {
  const generation = `gen-${Date.now().toString(36)}-${process.pid}`;
  const genDir = join(dir, generation);
  await mkdir(genDir, { recursive: true });
  await writeFile(join(genDir, INDEX_FILES.papers), JSON.stringify(data.papers));
  await writeBinary(join(genDir, INDEX_FILES.paperVectors), data.paperVectors);
  await writeBinary(join(genDir, INDEX_FILES.sentenceVectors), data.sentenceVectors);
  await writeBinary(join(genDir, INDEX_FILES.sentenceTerms), data.sentenceTerms);
  data.hnsw.writeIndexSync(join(genDir, INDEX_FILES.hnsw));
  await writeFile(join(genDir, INDEX_FILES.bm25), JSON.stringify(bm25Data(data.bm25)));

  const files: IndexManifest["files"] = {};
  for (const name of Object.values(INDEX_FILES)) files[name] = await fileDigest(join(genDir, name));
  const full: IndexManifest = { ...manifest, generation, files, builtAt: new Date().toISOString() };
  const temp = join(dir, `${MANIFEST_FILE}.${process.pid}.tmp`);
  await writeFile(temp, `${JSON.stringify(full, null, 2)}\n`);
  await rename(temp, join(dir, MANIFEST_FILE));
  await removeStaleGenerations(dir, generation);
  return full;
}

/** Removes generation folders and temp files other than `keep` (left by older or crashed builds). */
async function removeStaleGenerations(dir: string, keep: string): Promise<void> {
  for (const entry of await readdir(dir)) {
    if ((entry.startsWith("gen-") && entry !== keep) || entry.endsWith(".tmp")) {
      await rm(join(dir, entry), { recursive: true, force: true });
    }
  }
}
