import { existsSync } from "node:fs";
import { join } from "node:path";
import { isUnfiltered } from "../../contract/paper-filter.ts";
import type { RowRanking } from "../best-rows.ts";
import { IndexError } from "../index-errors.ts";
import type { PaperStore, Ranking, StoreInfo } from "../paper-store.ts";
import { embeddingCacheKey, openEmbeddingCache } from "./embedding-cache.ts";
import { type FacetIndex, loadFacetIndex } from "./facet-index.ts";
import { createFtsPostings } from "./fts-postings.ts";
import { openGraph } from "./hnsw-graph.ts";
import { createLexicalSearch, type LexicalSearch } from "./lexical-search.ts";
import { INDEX_FILES, type IndexManifest } from "./manifest.ts";
import {
  checkCompatible,
  type QueryEncoder,
  REBUILD,
  readManifest,
  verifyFiles,
} from "./manifest-file.ts";
import { loadMemoryPostings, MEMORY_POSTINGS_MAX_PAPERS } from "./memory-postings.ts";
import { createPaperRows, MAPPED_BYTES, openPaperDatabase } from "./paper-rows.ts";
import { sampleRows } from "./sample-rows.ts";

export interface OpenEmbeddedStoreOptions {
  /** The encoder that will embed questions; an index built with another is refused. */
  encoder?: QueryEncoder;
  /**
   * An index of at most this many papers has its postings loaded into memory (on its first
   * lexical ranking); larger ones rank through FTS5 on disk (default 1,000, see
   * `MEMORY_POSTINGS_MAX_PAPERS`).
   */
  memoryPostingsMaxPapers?: number;
}

/** An embedded store, with the manifest of the index it serves (for the build and its tests). */
export interface EmbeddedStore extends PaperStore {
  readonly manifest: IndexManifest;
}

/** Words' frequencies remembered between questions: all of a small corpus, recent ones of a large one. */
const REMEMBERED_TERMS = 50_000;

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
  const key = embeddingCacheKey({
    model: manifest.model,
    dims: manifest.dims,
    sentenceVectors: manifest.sentenceVectors,
    dtype: manifest.dtype,
  });
  opened(path, () => openEmbeddingCache(path, key, { readonly: true })).close();
  return path;
}

const byKeys = ({ rows, scores }: RowRanking): Ranking => ({ keys: rows, scores });
const rowsOf = (keys: readonly unknown[]) => keys as readonly number[];

/**
 * Opens the index in `dir` (SQLite for papers, metadata and FTS5; an HNSW graph file; the
 * embedding cache for sentence vectors): checks format, model and every file's digest first, so
 * that a truncated or corrupted index is reported (with what to do) instead of misread. Papers
 * stay on disk; the graph is held in memory. Keys are the papers' rows.
 *
 * @example
 * const store = await openEmbeddedStore("index", { encoder: embedder });
 * await store.lexical(["graph", "convolution"], 10);
 */
export async function openEmbeddedStore(
  dir: string,
  options: OpenEmbeddedStoreOptions = {},
): Promise<EmbeddedStore> {
  const manifest = await readManifest(dir);
  checkCompatible(manifest, dir, options.encoder);
  const genDir = join(dir, manifest.generation);
  await verifyFiles(manifest, genDir);
  const papersFile = join(genDir, INDEX_FILES.papers);
  const db = opened(papersFile, () => openPaperDatabase(papersFile));
  const vectorsFile = sentenceVectorsFile(dir, manifest);
  if (vectorsFile) {
    db.prepare("ATTACH DATABASE ? AS cache").run(vectorsFile);
    db.pragma(`cache.mmap_size = ${MAPPED_BYTES}`);
  }
  const rows = opened(papersFile, () => createPaperRows(db, vectorsFile !== undefined));
  const count = opened(papersFile, () => rows.count());
  const { dims } = manifest;
  const hnswFile = join(genDir, INDEX_FILES.hnsw);
  const graph =
    manifest.model === null
      ? undefined
      : opened(hnswFile, () => openGraph(hnswFile, manifest.hnsw, dims, count));
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
        : createFtsPostings(db, { rememberedTerms: REMEMBERED_TERMS }),
      count,
    );
    return lexical;
  };
  const info: StoreInfo = {
    count,
    model: manifest.model,
    ...(manifest.model !== null ? { dtype: manifest.dtype ?? "fp32" } : {}),
    dims,
    hasVectors: graph !== undefined,
    sentenceVectors: manifest.sentenceVectors,
    builtAt: manifest.builtAt,
    location: dir,
  };

  return {
    manifest,
    info,
    facets: async () => facetsOf().facets,
    list: async (offset, limit) => rows.page(offset, limit),
    papersById: async (ids) => rows.byIds(ids),
    papers: async (keys) => rows.byRows(rowsOf(keys)),
    papersWithSentences: async (keys) => rows.withSentences(rowsOf(keys)),
    async paperVectors(keys) {
      const known = rowsOf(keys).filter((row) => Number.isInteger(row) && row >= 0 && row < count);
      if (!graph || known.length === 0) return keys.map(() => undefined);
      const packed = graph.vectorsOf(known);
      const byRow = new Map(
        known.map((row, i) => [row, packed.subarray(i * dims, (i + 1) * dims)]),
      );
      return rowsOf(keys).map((row) => byRow.get(row));
    },
    async lexical(terms, limit, filter) {
      const { bm25, rareTitles, termStatistics } = lexicalOf().rank(terms, limit, filter);
      return { bm25: byKeys(bm25), rareTitles: byKeys(rareTitles), termStatistics };
    },
    passing: async (filter, atMost) => facetsOf().rowsPassing(filter, atMost),
    async nearest({ vector, limit, filter, exclude, among }) {
      const skip = exclude as number | undefined;
      const n = Math.min(limit, count - (skip === undefined ? 0 : 1));
      if (!graph || n <= 0) return { keys: [], scores: [] };
      if (among)
        return byKeys(graph.scan(vector, n, among === "all" ? "all" : rowsOf(among), skip));
      const passes = isUnfiltered(filter) ? undefined : facetsOf().passes(filter!);
      const keep =
        skip === undefined && !passes
          ? undefined
          : (row: number) => row !== skip && (!passes || passes(row));
      return byKeys(graph.search(vector, n, keep));
    },
    sample: async (size, seed) => sampleRows(count, size, seed),
    async close() {
      graph?.close();
      db.close();
    },
  };
}
