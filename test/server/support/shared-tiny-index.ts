import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Embedder } from "../../../src/embed/types.ts";
import { fileDigest } from "../../../src/store/embedded/file-digest.ts";
import { BUNDLED_CORPUS, buildTinyIndex, loadTinyEmbedder } from "../../support/tiny-index.ts";

/** A tiny-model index folder and the model it was built with. */
export interface SharedTinyIndex {
  indexDir: string;
  embedder: Embedder;
}

/**
 * Where the run's shared indexes are noted, one small JSON file per corpus. `tmpdir()` is the
 * run's own folder (test/global-setup.ts), so no note outlives the run or the index it names.
 */
const NOTES_DIR = join(tmpdir(), "paperchat-shared-tiny-indexes");

async function noteFor(corpusFiles: string[]): Promise<string> {
  const digests = await Promise.all(
    corpusFiles.map(async (file) => (await fileDigest(file)).sha256),
  );
  return join(NOTES_DIR, `${digests.join("-")}.json`);
}

/**
 * A real index of `corpusFiles` (default: the bundled corpus) built with the tiny model once
 * per test run: the first test file to ask builds it (about half a second), later files, in any
 * worker, open the same folder. Opening a store only reads it; a test that changes an index
 * builds its own with `buildTinyIndex`.
 *
 * @example
 * const { indexDir, embedder } = await sharedTinyIndex();
 */
export async function sharedTinyIndex(
  corpusFiles: string[] = [BUNDLED_CORPUS],
): Promise<SharedTinyIndex> {
  const note = await noteFor(corpusFiles);
  if (existsSync(note)) {
    const { indexDir } = JSON.parse(readFileSync(note, "utf8")) as { indexDir: string };
    return { indexDir, embedder: await loadTinyEmbedder() };
  }
  const { indexDir, embedder } = await buildTinyIndex(corpusFiles);
  // Written aside and renamed, so a reader never sees half a note; when two workers build the
  // same corpus at once, the last note wins and both indexes stay valid.
  mkdirSync(NOTES_DIR, { recursive: true });
  const draft = `${note}.${randomUUID()}`;
  writeFileSync(draft, JSON.stringify({ indexDir }));
  renameSync(draft, note);
  return { indexDir, embedder };
}
