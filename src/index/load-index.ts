import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { readBinary } from "./binary-file.ts";
import { type Bm25Data, type Bm25Index, bm25FromData } from "./bm25.ts";
import { fileDigest } from "./file-digest.ts";
import { type Hnsw, readHnsw } from "./hnsw.ts";
import { IndexError } from "./index-errors.ts";
import {
  INDEX_FILES,
  INDEX_FORMAT_VERSION,
  type IndexManifest,
  MANIFEST_FILE,
} from "./manifest.ts";
import { type SentenceTerms, sentenceTermsOf } from "./sentence-terms.ts";
import type { IndexedPaper } from "./write-index.ts";

export interface LoadIndexOptions {
  /** The model that will embed queries; an index built with another model is refused. */
  model?: string;
}

/** An index in memory, ready to search. */
export interface LoadedIndex {
  dir: string;
  manifest: IndexManifest;
  papers: IndexedPaper[];
  /** Row i = paper i. */
  paperVectors: Float32Array;
  /** Sentences of all papers, paper by paper; paper i's start at `sentenceStart[i]`. */
  sentenceVectors: Float32Array;
  sentenceStart: number[];
  /** Search-term ids of every sentence, for word overlap without tokenizing at query time. */
  sentenceTerms: SentenceTerms;
  hnsw: Hnsw;
  bm25: Bm25Index;
}

const REBUILD = "Rebuild it with `npm run index -- --force` (or `paperchat index --force`).";

/** What a manifest must hold for its index to be read; the first field that is wrong, if any. */
function manifestProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not an object";
  const m = value as Partial<Record<keyof IndexManifest, unknown>>;
  if (typeof m.formatVersion !== "number") return "formatVersion";
  // A generation is a folder inside the index directory, never a path out of it.
  if (typeof m.generation !== "string" || !/^gen-[\w-]+$/.test(m.generation)) return "generation";
  if (!Number.isInteger(m.dims) || (m.dims as number) < 1) return "dims";
  if (typeof m.model !== "string") return "model";
  if (typeof m.files !== "object" || m.files === null) return "files";
  const hnsw = m.hnsw as Partial<IndexManifest["hnsw"]> | null | undefined;
  if (typeof hnsw !== "object" || hnsw === null || hnsw.space !== "ip") return "hnsw";
  return undefined;
}

/**
 * Reads and checks `manifest.json`; throws `IndexError` ("missing" or "corrupt") saying what to do.
 *
 * @example
 * const manifest = await readManifest("index");
 */
export async function readManifest(dir: string): Promise<IndexManifest> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new IndexError(
      "missing",
      `No index found in ${dir} (no ${MANIFEST_FILE}). Build it with \`npm run index\` (or \`paperchat index\`).`,
    );
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (cause) {
    throw new IndexError("corrupt", `${path} is not valid JSON. ${REBUILD}`, { cause });
  }
  const problem = manifestProblem(manifest);
  if (problem) {
    throw new IndexError(
      "corrupt",
      `${path} is not a valid index manifest (${problem}). ${REBUILD}`,
    );
  }
  return manifest as IndexManifest;
}

function checkCompatible(manifest: IndexManifest, dir: string, model?: string): void {
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new IndexError(
      "format-mismatch",
      `The index in ${dir} has format version ${manifest.formatVersion}, this paperchat reads version ${INDEX_FORMAT_VERSION}. ${REBUILD}`,
    );
  }
  if (model !== undefined && manifest.model !== model) {
    throw new IndexError(
      "model-mismatch",
      `The index in ${dir} was built with model "${manifest.model}", but the configured model is "${model}". Vectors of different models cannot be compared: rebuild with \`npm run index -- --model ${model}\`, or set PAPERCHAT_MODEL="${manifest.model}".`,
    );
  }
}

/** Checks every data file against the size and sha256 the manifest recorded. */
async function verifyFiles(manifest: IndexManifest, genDir: string): Promise<void> {
  for (const name of Object.values(INDEX_FILES)) {
    const path = join(genDir, name);
    const expected = manifest.files?.[name];
    const actual = await fileDigest(path).catch(() => undefined);
    if (!expected || !actual) {
      throw new IndexError("corrupt", `Index file ${path} is missing. ${REBUILD}`);
    }
    if (actual.bytes !== expected.bytes || actual.sha256 !== expected.sha256) {
      const what =
        actual.bytes !== expected.bytes
          ? `is ${actual.bytes} bytes, expected ${expected.bytes} (truncated or overwritten)`
          : "does not match its checksum (corrupted)";
      throw new IndexError("corrupt", `Index file ${path} ${what}. ${REBUILD}`);
    }
  }
}

/**
 * Loads the index in `dir`: checks format, model and every file's checksum first, so a
 * truncated or corrupted index is reported (with what to do) instead of misread.
 *
 * @example
 * const index = await loadIndex("index", { model: "Xenova/all-MiniLM-L6-v2" });
 */
export async function loadIndex(dir: string, options: LoadIndexOptions = {}): Promise<LoadedIndex> {
  const manifest = await readManifest(dir);
  checkCompatible(manifest, dir, options.model);
  const genDir = join(dir, manifest.generation);
  await verifyFiles(manifest, genDir);
  const papers = JSON.parse(
    await readFile(join(genDir, INDEX_FILES.papers), "utf8"),
  ) as IndexedPaper[];
  const bm25Json = await readFile(join(genDir, INDEX_FILES.bm25), "utf8");
  const bm25 = bm25FromData(JSON.parse(bm25Json) as Bm25Data);
  const { dims } = manifest;
  const paperVectors = await readBinary(join(genDir, INDEX_FILES.paperVectors), Float32Array, dims);
  const sentenceVectors = await readBinary(
    join(genDir, INDEX_FILES.sentenceVectors),
    Float32Array,
    dims,
  );
  const hnsw = readHnsw(join(genDir, INDEX_FILES.hnsw), manifest.hnsw, dims);
  const sentenceStart: number[] = [];
  let next = 0;
  for (const paper of papers) {
    sentenceStart.push(next);
    next += paper.sentences.length;
  }
  const packedTerms = await readBinary(join(genDir, INDEX_FILES.sentenceTerms), Uint32Array);
  const sentenceTerms = sentenceTermsOf(packedTerms, next);
  return {
    dir,
    manifest,
    papers,
    paperVectors,
    sentenceVectors,
    sentenceStart,
    sentenceTerms,
    hnsw,
    bm25,
  };
}
