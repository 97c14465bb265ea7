import { readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { IndexError } from "../index-errors.ts";
import { indexFileDigest } from "./file-digest.ts";
import {
  INDEX_FILES,
  INDEX_FORMAT_VERSION,
  type IndexManifest,
  MANIFEST_FILE,
} from "./manifest.ts";

/** What to do about an index that cannot be read. */
export const REBUILD = "Rebuild it with `npm run index -- --force` (or `paperchat index --force`).";

/** What a manifest must hold for its index to be read; the first field that is wrong, if any. */
function manifestProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not an object";
  const m = value as Partial<Record<keyof IndexManifest, unknown>>;
  if (typeof m.formatVersion !== "number") return "formatVersion";
  // A generation is a folder inside the index directory, never a path out of it.
  if (typeof m.generation !== "string" || !/^gen-[\w-]+$/.test(m.generation)) return "generation";
  if (m.model !== null && typeof m.model !== "string") return "model";
  if (!Number.isInteger(m.dims) || (m.dims as number) < (m.model === null ? 0 : 1)) return "dims";
  if (typeof m.files !== "object" || m.files === null) return "files";
  const corpus = m.corpus as Partial<IndexManifest["corpus"]> | null | undefined;
  if (typeof corpus !== "object" || corpus === null || !Array.isArray(corpus.files)) {
    return "corpus";
  }
  const hnsw = m.hnsw as Partial<IndexManifest["hnsw"]> | null | undefined;
  if (typeof hnsw !== "object" || hnsw === null || hnsw.space !== "ip") return "hnsw";
  if (m.embeddings !== undefined && !/^embeddings\/[\w.-]+\.sqlite$/.test(String(m.embeddings))) {
    return "embeddings";
  }
  return undefined;
}

/**
 * Reads and checks `manifest.json`; throws {@link IndexError} ("missing" or "corrupt") saying what to do.
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
  const version = (manifest as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === "number" && version !== INDEX_FORMAT_VERSION) {
    // An older (or newer) paperchat's index: its manifest has another shape; say so plainly.
    throw new IndexError(
      "format-mismatch",
      `The index in ${dir} has format version ${version}, this paperchat reads version ${INDEX_FORMAT_VERSION}. ${REBUILD} (\`npm start\` rebuilds it by itself.)`,
    );
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

/**
 * The corpus files an index of an earlier format was built from (format 2 recorded them as
 * `corpusFiles`, formats 3 and 4 as `corpus.files`), so that an upgrade rebuilds the user's
 * corpus, not the bundled one.
 *
 * @example
 * await earlierFormatCorpus("index"); // ["/data/my-papers.jsonl"]
 */
export async function earlierFormatCorpus(dir: string): Promise<string[] | undefined> {
  const manifest = await readFile(join(dir, MANIFEST_FILE), "utf8")
    .then((text) => JSON.parse(text) as { corpusFiles?: unknown; corpus?: { files?: unknown } })
    .catch(() => undefined);
  const recorded = manifest?.corpus?.files;
  const files = Array.isArray(recorded)
    ? recorded.map((file) => (file as { path?: unknown } | null)?.path)
    : manifest?.corpusFiles;
  return Array.isArray(files) && files.length > 0 && files.every((f) => typeof f === "string")
    ? files
    : undefined;
}

/** The encoder a store's questions will be embedded with, to check against the index's. */
export interface QueryEncoder {
  /** The model id or folder (an `Embedder` is one). */
  modelId: string;
  /** `fp32` when absent. */
  dtype?: string;
}

/**
 * Refuses an index whose vectors came from another model or encoder than the one that will
 * embed questions, with the command that rebuilds it.
 *
 * @example
 * checkCompatible(manifest, "index", { modelId: "Xenova/all-MiniLM-L6-v2", dtype: "q8" });
 */
export function checkCompatible(
  manifest: IndexManifest,
  dir: string,
  encoder?: QueryEncoder,
): void {
  if (encoder === undefined || manifest.model === null) return;
  const model = encoder.modelId;
  if (manifest.model !== model) {
    throw new IndexError(
      "model-mismatch",
      `The index in ${dir} was built with model "${manifest.model}", but the configured model is "${model}". Vectors of different models cannot be compared: rebuild with \`npm run index -- --model ${model}\`, or set PAPERCHAT_MODEL="${manifest.model}".`,
    );
  }
  const built = manifest.dtype ?? "fp32";
  const asked = encoder.dtype ?? "fp32";
  if (built !== asked) {
    throw new IndexError(
      "model-mismatch",
      `The index in ${dir} was built with the ${built} encoder of "${model}", but questions would be embedded with its ${asked} encoder. Use the same one: set PAPERCHAT_DTYPE=${built} (or --dtype ${built}), or rebuild with \`npm run index -- --dtype ${asked}\`.`,
    );
  }
}

/** Checks every data file against the size and digest the manifest recorded. */
export async function verifyFiles(manifest: IndexManifest, genDir: string): Promise<void> {
  for (const name of Object.keys(manifest.files)) {
    const path = join(genDir, name);
    const expected = manifest.files[name]!;
    const actual = await indexFileDigest(path).catch(() => undefined);
    if (!actual) throw new IndexError("corrupt", `Index file ${path} is missing. ${REBUILD}`);
    if (actual.bytes !== expected.bytes || actual.sha256 !== expected.sha256) {
      const what =
        actual.bytes !== expected.bytes
          ? `is ${actual.bytes} bytes, expected ${expected.bytes} (truncated or overwritten)`
          : "does not match its checksum (corrupted)";
      throw new IndexError("corrupt", `Index file ${path} ${what}. ${REBUILD}`);
    }
  }
  const needed = manifest.model === null ? [INDEX_FILES.papers] : Object.values(INDEX_FILES);
  for (const name of needed) {
    if (!manifest.files[name]) {
      throw new IndexError(
        "corrupt",
        `${join(genDir, MANIFEST_FILE)} does not list ${name}. ${REBUILD}`,
      );
    }
  }
}

/** A fresh generation folder name: builds never write into the folder that is being served. */
export function newGenerationName(): string {
  return `gen-${Date.now().toString(36)}-${process.pid}`;
}

/**
 * Switches `manifest.json` to a finished generation with an atomic rename: until then the
 * previous manifest, and the generation it names, stay in force. Older generations and temp
 * files (of older or crashed builds) are removed after.
 *
 * @example
 * await switchManifest("index", manifest);
 */
export async function switchManifest(dir: string, manifest: IndexManifest): Promise<void> {
  const temp = join(dir, `${MANIFEST_FILE}.${process.pid}.tmp`);
  await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(temp, join(dir, MANIFEST_FILE));
  for (const entry of await readdir(dir)) {
    if ((entry.startsWith("gen-") && entry !== manifest.generation) || entry.endsWith(".tmp")) {
      await rm(join(dir, entry), { recursive: true, force: true });
    }
  }
}
