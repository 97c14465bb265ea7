import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Facets } from "../contract/starters.ts";
import type { RowRanking } from "./best-rows.ts";
import { openEmbeddingCache } from "./embedding-cache.ts";
import { exactNearest } from "./exact-nearest.ts";
import { type FacetIndex, loadFacetIndex } from "./facet-index.ts";
import { indexFileDigest } from "./file-digest.ts";
import { createFtsPostings } from "./fts-postings.ts";
import { openGraphVectors } from "./graph-vectors.ts";
import { readHnsw } from "./hnsw.ts";
import { IndexError } from "./index-errors.ts";
import { createLexicalSearch, type LexicalSearch } from "./lexical-search.ts";
import {
  efSearchFor,
  INDEX_FILES,
  INDEX_FORMAT_VERSION,
  type IndexManifest,
  MANIFEST_FILE,
} from "./manifest.ts";
import { loadMemoryPostings, MEMORY_POSTINGS_MAX_PAPERS } from "./memory-postings.ts";
import {
  MAPPED_BYTES,
  openPaperDatabase,
  PAPER_COLUMNS,
  type PaperRow,
  paperOfRow,
  type StoredPaper,
} from "./paper-database.ts";
import { isUnfiltered, type PaperFilter } from "./paper-filter.ts";
import { createRecentLookup } from "./recent-lookup.ts";

export interface OpenStoreOptions {
  /** The model that will embed queries; an index built with another model is refused. */
  model?: string;
  /**
   * When at most this many papers pass a filter, `nearest` scores them exactly instead of
   * searching the graph with the filter (default 5000).
   */
  exactScanMaxRows?: number;
  /**
   * An index of at most this many papers is searched by scoring every paper (its vectors held
   * in memory) instead of walking the graph (default 256, see `SCANNED_CORPUS_MAX_PAPERS`).
   */
  scannedCorpusMaxPapers?: number;
  /**
   * An index of at most this many papers has its postings loaded into memory (on its first
   * lexical ranking); larger ones rank through FTS5 on disk (default 1,000, see
   * `MEMORY_POSTINGS_MAX_PAPERS`).
   */
  memoryPostingsMaxPapers?: number;
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
  /**
   * The lexical rankings of search terms (of the papers that pass `filter`): BM25, and the papers
   * whose title holds a rare term of the question.
   */
  lexical(
    terms: readonly string[],
    limit: number,
    filter?: PaperFilter,
  ): { bm25: Ranking; rareTitles: Ranking };
  /** Nearest papers to a unit vector by cosine, never `exclude`, only those that pass `filter`. */
  nearest(vector: Float32Array, limit: number, exclude?: string, filter?: PaperFilter): Ranking;
  /** Years and most frequent categories of the corpus (read once, on first use). */
  facets(): Facets;
  /** A paper's own vector (undefined for an unknown id or a lexical-only index). */
  paperVector(id: string): Float32Array | undefined;
  /**
   * Papers by id with what the index holds of their sentences (for snippets), in the order
   * asked; unknown ids are left out. One look-up for a page of results, and recent papers are
   * remembered: the objects are shared between calls, so treat them as read-only.
   */
  papersWithSentences(ids: readonly string[]): PaperWithSentences[];
  close(): void;
}

/** A paper's row with its sentences' terms and (when the cache holds them) vectors. */
type RowWithSentences = PaperRow & {
  sentence_terms: Buffer;
  sentence_vectors: Buffer | null;
};

/** A paper and what the index holds of its sentences. */
export interface PaperWithSentences {
  paper: StoredPaper;
  sentences: SentenceData;
}

function paperWithSentencesOf(row: RowWithSentences): PaperWithSentences {
  const { sentence_terms: terms, sentence_vectors: vectors } = row;
  const sentences: SentenceData = {
    terms: new Uint32Array(
      terms.buffer.slice(terms.byteOffset, terms.byteOffset + terms.byteLength),
    ),
  };
  if (vectors) {
    sentences.vectors = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
  }
  return { paper: paperOfRow(row), sentences };
}

/** What the index holds of a paper's sentences, beside the paper. */
export interface SentenceData {
  /** Packed term hashes of each sentence (see `packSentenceTerms`). */
  terms: Uint32Array;
  /** Quantized sentence vectors (see `sentenceScores`); absent without a model or its cache. */
  vectors?: Uint8Array;
}

/**
 * Paper ids by row, and words' frequencies, remembered between questions (a few MB each): all
 * of a small corpus, the recently used of a large one.
 */
const REMEMBERED = 50_000;

/**
 * Papers with their sentence data remembered between questions (about 5–10 KB each): the papers
 * that answer recent questions come back often, parsed, without a statement.
 */
const REMEMBERED_PAPERS = 2000;

/** Up to this many papers passing a filter are scored exactly instead of through the graph. */
const EXACT_SCAN_MAX_ROWS = 5000;

/**
 * An index of at most this many papers is searched by scoring every paper. Measured a few ms
 * after the model's pass, as a search runs (384 dims, best 50): at 70 papers the scan takes
 * 0.07 ms against the graph's 0.19 ms; they cross at about 500 papers (0.32 ms each). Their
 * vectors take 1.5 KB a paper in memory.
 */
export const SCANNED_CORPUS_MAX_PAPERS = 256;

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
 * `corpusFiles`, format 3 as `corpus.files`), so that an upgrade rebuilds the user's corpus, not
 * the bundled one.
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

function checkCompatible(manifest: IndexManifest, dir: string, model?: string): void {
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

/**
 * The embedding cache a manifest names, checked to hold this index's kind of vectors; undefined
 * when it is gone (snippets then rank by words).
 */
function sentenceVectorsFile(dir: string, manifest: IndexManifest): string | undefined {
  if (!manifest.embeddings || manifest.model === null) return undefined;
  const path = join(dir, manifest.embeddings);
  if (!existsSync(path)) return undefined;
  const key = {
    model: manifest.model,
    dims: manifest.dims,
    sentenceVectors: manifest.sentenceVectors,
  };
  opened(path, () => openEmbeddingCache(path, key, { readonly: true })).close();
  return path;
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
  const { dims } = manifest;
  const graphVectors = hnsw && opened(hnswFile, () => openGraphVectors(hnswFile, count, dims));
  /** Rows' vectors through hnswlib, for a graph file laid out otherwise (slow: an array each). */
  const pointsOf = (rows: readonly number[]) => {
    const packed = new Float32Array(rows.length * dims);
    rows.forEach((row, i) => {
      packed.set(hnsw!.getPoint(row), i * dims);
    });
    return packed;
  };
  /** Rows' vectors, packed in the order given. */
  const vectorsOf = (rows: readonly number[]) => graphVectors?.vectorsOf(rows) ?? pointsOf(rows);
  /** A small corpus's rows and vectors, read on its first search (see `scannedCorpusMaxPapers`). */
  let scanned: { rows: number[]; vectors: Float32Array } | undefined;
  const scannedCorpus = () => {
    if (count > (options.scannedCorpusMaxPapers ?? SCANNED_CORPUS_MAX_PAPERS)) return undefined;
    if (!scanned) {
      const rows = Array.from({ length: count }, (_, row) => row);
      scanned = { rows, vectors: vectorsOf(rows) };
    }
    return scanned;
  };
  // Attached to the papers file, so that a result's paper and sentence data come in one statement.
  const vectorsFile = sentenceVectorsFile(dir, manifest);
  if (vectorsFile) {
    db.prepare("ATTACH DATABASE ? AS cache").run(vectorsFile);
    db.pragma(`cache.mmap_size = ${MAPPED_BYTES}`);
  }
  let facetIndex: FacetIndex | undefined;
  const facetsOf = () => {
    facetIndex ??= opened(papersFile, () => loadFacetIndex(db, count));
    return facetIndex;
  };
  // Made on the first lexical ranking: commands that never rank lexically (`similar`, listing
  // papers) do not load a small corpus's postings.
  let lexical: LexicalSearch | undefined;
  const lexicalOf = () => {
    lexical ??= createLexicalSearch(
      count <= (options.memoryPostingsMaxPapers ?? MEMORY_POSTINGS_MAX_PAPERS)
        ? opened(papersFile, () =>
            loadMemoryPostings(db, count, (filter) => facetsOf().passes(filter)),
          )
        : createFtsPostings(db, { rememberedTerms: REMEMBERED }),
      count,
    );
    return lexical;
  };

  const rowOf = db.prepare("SELECT row FROM papers WHERE id = ?").pluck();
  // One statement per list, not one per paper: a search looks up about a hundred rows.
  const idsOfRows = db.prepare(
    "SELECT row, id FROM papers WHERE row IN (SELECT value FROM json_each(?))",
  );
  const papersByIds = db.prepare(
    `SELECT ${PAPER_COLUMNS} FROM papers WHERE id IN (SELECT value FROM json_each(?))`,
  );
  const withSentencesByIds = db.prepare(
    `SELECT ${PAPER_COLUMNS.replace(/(\w+)/g, "papers.$1")}, papers.sentence_terms, ${
      vectorsFile ? "cache.embeddings.sentences" : "NULL"
    } AS sentence_vectors FROM papers ${
      vectorsFile ? "LEFT JOIN cache.embeddings ON cache.embeddings.hash = papers.content_hash" : ""
    } WHERE papers.id IN (SELECT value FROM json_each(?))`,
  );
  const page = db.prepare("SELECT id, title FROM papers ORDER BY row LIMIT ? OFFSET ?");
  const recentIds = createRecentLookup<number, string | undefined>({
    lookUp: (rows) =>
      (idsOfRows.all(JSON.stringify(rows)) as { row: number; id: string }[]).map(
        ({ row, id }) => [row, id] as const,
      ),
    absent: undefined,
    capacity: REMEMBERED,
  });
  const recentPapers = createRecentLookup<string, PaperWithSentences | undefined>({
    lookUp: (ids) =>
      (withSentencesByIds.all(JSON.stringify(ids)) as RowWithSentences[]).map(
        (row) => [row.id, paperWithSentencesOf(row)] as const,
      ),
    absent: undefined,
    capacity: REMEMBERED_PAPERS,
  });
  /** The ids of the rows of any number of lists. */
  const idsOf = (...lists: readonly number[][]) => recentIds.get(lists.flat());
  const byIds = (ranking: RowRanking, idOf = idsOf(ranking.rows)): Ranking => ({
    ids: ranking.rows.map((row) => idOf.get(row)!),
    scores: ranking.scores,
  });
  return {
    dir,
    manifest,
    count,
    hasVectors: hnsw !== undefined,
    papers(ids) {
      const rows = papersByIds.all(JSON.stringify(ids)) as PaperRow[];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [paperOfRow(row)] : [];
      });
    },
    list: (offset, limit) => page.all(limit, offset) as { id: string; title: string }[],
    lexical(terms, limit, filter) {
      const { bm25, rareTitles } = lexicalOf().rank(terms, limit, filter);
      const idOf = idsOf(bm25.rows, rareTitles.rows);
      return { bm25: byIds(bm25, idOf), rareTitles: byIds(rareTitles, idOf) };
    },
    nearest(vector, limit, exclude, filter) {
      const skip = exclude === undefined ? undefined : (rowOf.get(exclude) as number | undefined);
      const n = Math.min(limit, count - (skip === undefined ? 0 : 1));
      if (!hnsw || n <= 0) return { ids: [], scores: [] };
      const unfiltered = isUnfiltered(filter);
      if (unfiltered) {
        const all = scannedCorpus();
        if (all) return byIds(exactNearest(vector, all.rows, all.vectors, n, skip));
      } else {
        // Few papers pass: score them all (exact, and cheaper than walking the graph for them).
        const few = facetsOf().rowsPassing(
          filter!,
          options.exactScanMaxRows ?? EXACT_SCAN_MAX_ROWS,
        );
        if (few) return byIds(exactNearest(vector, few, vectorsOf(few), n, skip));
      }
      // hnswlib filters inside its search: it keeps walking the graph until `ef` candidates
      // that pass are found, so a filter costs more visits, not recall.
      hnsw.setEf(efSearchFor(n));
      const passes = unfiltered ? undefined : facetsOf().passes(filter!);
      const keep =
        skip === undefined && !passes
          ? undefined
          : (label: number) => label !== skip && (!passes || passes(label));
      const { neighbors, distances } = hnsw.searchKnn(Array.from(vector), n, keep);
      return byIds({ rows: neighbors, scores: distances.map((d) => 1 - d) });
    },
    facets: () => facetsOf().facets,
    paperVector(id) {
      const row = rowOf.get(id) as number | undefined;
      if (!hnsw || row === undefined) return undefined;
      return vectorsOf([row]);
    },
    papersWithSentences(ids) {
      const found = recentPapers.get(ids);
      return ids.flatMap((id) => {
        const paper = found.get(id);
        return paper ? [paper] : [];
      });
    },
    close() {
      graphVectors?.close();
      db.close();
    },
  };
}
