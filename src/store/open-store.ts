import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type EmbeddingCache, openEmbeddingCache } from "./embedding-cache.ts";
import { indexFileDigest } from "./file-digest.ts";
import { readHnsw } from "./hnsw.ts";
import { IndexError } from "./index-errors.ts";
import { createLexicalSearch } from "./lexical-search.ts";
import {
  efSearchFor,
  INDEX_FILES,
  INDEX_FORMAT_VERSION,
  type IndexManifest,
  MANIFEST_FILE,
} from "./manifest.ts";
import {
  openPaperDatabase,
  type PaperRow,
  paperOfRow,
  type StoredPaper,
} from "./paper-database.ts";

export interface OpenStoreOptions {
  /** The model that will embed queries; an index built with another model is refused. */
  model?: string;
}

/** Papers best first, by id, with their scores. */
export interface Ranking {
  ids: string[];
  scores: number[];
}

/**
 * What the product asks of its store: the whole surface search, chat and the API use. Rankings
 * and papers are by paper id; how a store answers (SQLite, FTS5, HNSW here) stays inside it.
 */
export interface PaperStore {
  readonly dir: string;
  readonly manifest: IndexManifest;
  /** Number of papers. */
  readonly count: number;
  /** False for a lexical-only index (built without a model): it has no vectors. */
  readonly hasVectors: boolean;
  /** Papers by id, in the order asked; unknown ids are left out. */
  papers(ids: readonly string[]): StoredPaper[];
  /** A page of papers in corpus order. */
  list(offset: number, limit: number): { id: string; title: string }[];
  /** Best papers for search terms by BM25. */
  lexical(terms: readonly string[], limit: number): Ranking;
  /** Papers whose title holds a rare term of the question. */
  titleMatches(terms: readonly string[], limit: number): Ranking;
  /** Nearest papers to a unit vector by cosine, never `exclude`. */
  nearest(vector: Float32Array, limit: number, exclude?: string): Ranking;
  /** A paper's own vector (undefined for an unknown id or a lexical-only index). */
  paperVector(id: string): Float32Array | undefined;
  /** Packed term hashes of a paper's sentences (see `packSentenceTerms`). */
  sentenceTerms(id: string): Uint32Array | undefined;
  /** A paper's sentence vectors, quantized (see `sentenceScores`); undefined when not at hand. */
  sentenceVectors(id: string): Uint8Array | undefined;
  close(): void;
}

const REBUILD = "Rebuild it with `npm run index -- --force` (or `paperchat index --force`).";

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
  if (model !== undefined && manifest.model !== null && manifest.model !== model) {
    throw new IndexError(
      "model-mismatch",
      `The index in ${dir} was built with model "${manifest.model}", but the configured model is "${model}". Vectors of different models cannot be compared: rebuild with \`npm run index -- --model ${model}\`, or set PAPERCHAT_MODEL="${manifest.model}".`,
    );
  }
}

/** Checks every data file against the size and digest the manifest recorded. */
async function verifyFiles(manifest: IndexManifest, genDir: string): Promise<void> {
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

/** Opens a file of the index, turning a failure into an IndexError that names it. */
function opened<T>(path: string, open: () => T): T {
  try {
    return open();
  } catch (cause) {
    throw new IndexError(
      "corrupt",
      `Index file ${path} cannot be read (${(cause as Error).message}). ${REBUILD}`,
      { cause },
    );
  }
}

/** The embedding cache a manifest names, read-only; undefined when it is gone (snippets then rank by words). */
function openSentenceVectors(dir: string, manifest: IndexManifest): EmbeddingCache | undefined {
  if (!manifest.embeddings || manifest.model === null) return undefined;
  const path = join(dir, manifest.embeddings);
  if (!existsSync(path)) return undefined;
  return opened(path, () =>
    openEmbeddingCache(
      path,
      { model: manifest.model!, dims: manifest.dims, sentenceVectors: manifest.sentenceVectors },
      { readonly: true },
    ),
  );
}

/**
 * Opens the index in `dir`: checks format, model and every file's digest first, so that a
 * truncated or corrupted index is reported (with what to do) instead of misread. Papers stay on
 * disk (SQLite); only the HNSW graph is held in memory.
 *
 * @example
 * const store = await openStore("index", { model: "Xenova/all-MiniLM-L6-v2" });
 * store.lexical(["graph", "convolution"], 10);
 */
export async function openStore(dir: string, options: OpenStoreOptions = {}): Promise<PaperStore> {
  const manifest = await readManifest(dir);
  checkCompatible(manifest, dir, options.model);
  const genDir = join(dir, manifest.generation);
  await verifyFiles(manifest, genDir);
  const papersFile = join(genDir, INDEX_FILES.papers);
  const db = opened(papersFile, () => openPaperDatabase(papersFile));
  const count = opened(
    papersFile,
    () => db.prepare("SELECT count(*) FROM papers").pluck().get() as number,
  );
  const hnswFile = join(genDir, INDEX_FILES.hnsw);
  const hnsw =
    manifest.model === null
      ? undefined
      : opened(hnswFile, () => readHnsw(hnswFile, manifest.hnsw, manifest.dims));
  const vectors = openSentenceVectors(dir, manifest);
  const lexical = createLexicalSearch(db, count);

  const rowOf = db.prepare("SELECT row FROM papers WHERE id = ?").pluck();
  const idOf = db.prepare("SELECT id FROM papers WHERE row = ?").pluck();
  const paperById = db.prepare("SELECT * FROM papers WHERE id = ?");
  const termsOf = db.prepare("SELECT sentence_terms FROM papers WHERE id = ?").pluck();
  const hashOf = db.prepare("SELECT content_hash FROM papers WHERE id = ?").pluck();
  const page = db.prepare("SELECT id, title FROM papers ORDER BY row LIMIT ? OFFSET ?");
  const byIds = (rows: number[], scores: number[]): Ranking => ({
    ids: rows.map((row) => idOf.get(row) as string),
    scores,
  });

  return {
    dir,
    manifest,
    count,
    hasVectors: hnsw !== undefined,
    papers: (ids) =>
      ids.flatMap((id) => {
        const row = paperById.get(id) as PaperRow | undefined;
        return row ? [paperOfRow(row)] : [];
      }),
    list: (offset, limit) => page.all(limit, offset) as { id: string; title: string }[],
    lexical(terms, limit) {
      const { rows, scores } = lexical.rankBm25(terms, limit);
      return byIds(rows, scores);
    },
    titleMatches(terms, limit) {
      const { rows, scores } = lexical.rankTitleMatches(terms, limit);
      return byIds(rows, scores);
    },
    nearest(vector, limit, exclude) {
      const skip = exclude === undefined ? undefined : (rowOf.get(exclude) as number | undefined);
      const n = Math.min(limit, count - (skip === undefined ? 0 : 1));
      if (!hnsw || n <= 0) return { ids: [], scores: [] };
      hnsw.setEf(efSearchFor(n));
      const filter = skip === undefined ? undefined : (label: number) => label !== skip;
      const { neighbors, distances } = hnsw.searchKnn(Array.from(vector), n, filter);
      return byIds(
        neighbors,
        distances.map((d) => 1 - d),
      );
    },
    paperVector(id) {
      const row = rowOf.get(id) as number | undefined;
      return hnsw && row !== undefined ? new Float32Array(hnsw.getPoint(row)) : undefined;
    },
    sentenceTerms(id) {
      const blob = termsOf.get(id) as Buffer | undefined;
      return (
        blob &&
        new Uint32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength))
      );
    },
    sentenceVectors(id) {
      const hash = hashOf.get(id) as string | undefined;
      return hash === undefined ? undefined : vectors?.sentenceVectors(hash);
    },
    close() {
      vectors?.close();
      db.close();
    },
  };
}
