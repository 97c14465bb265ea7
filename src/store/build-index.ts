import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { tokenize } from "../contract/tokenize.ts";
import { corpusUnchanged, fingerprintCorpusFile } from "../corpus/corpus-fingerprint.ts";
import { estimatePaperCount, splitSentences, streamCorpus } from "../corpus/index.ts";
import type { CorpusFormat, Paper, SkippedDuplicate } from "../corpus/types.ts";
import type { Embedder, PaperEmbedding } from "../embed/types.ts";
import {
  type CachedEmbedding,
  contentHashOf,
  type EmbeddingCache,
  embeddingCacheFile,
  openEmbeddingCache,
} from "./embedding-cache.ts";
import { indexFileDigest } from "./file-digest.ts";
import { newGenerationName, switchManifest } from "./generations.ts";
import { buildHnsw } from "./hnsw.ts";
import {
  DEFAULT_HNSW,
  type HnswParams,
  INDEX_FILES,
  INDEX_FORMAT_VERSION,
  type IndexManifest,
  type SentenceVectorMode,
} from "./manifest.ts";
import { readManifest } from "./open-store.ts";
import { createPaperWriter, openPaperDatabase, type StoredPaper } from "./paper-database.ts";
import { packSentenceTerms } from "./sentence-terms.ts";
import { quantizeSentenceVectors } from "./sentence-vectors.ts";

/** A step of a build, reported as it goes (drives the CLI's progress lines). */
export interface BuildProgress {
  /** `papers`: reading, storing and embedding papers; `hnsw`: the graph; `write`: the files. */
  phase: "papers" | "hnsw" | "write";
  done: number;
  total: number;
}

export interface BuildIndexOptions {
  corpusFiles: string[];
  format?: CorpusFormat;
  indexDir: string;
  /** Without a model the index is lexical-only (BM25 and title terms); a later build embeds it. */
  embedder?: Embedder;
  /** Rebuild even when the corpus and model are unchanged (the embedding cache is still used). */
  force?: boolean;
  /** How sentence vectors are made (default `pooled`: one model pass per paper). */
  sentenceVectors?: SentenceVectorMode;
  hnsw?: HnswParams;
  onProgress?: (progress: BuildProgress) => void;
}

export interface BuildIndexResult {
  manifest: IndexManifest;
  /** True when the existing index already matched corpus and model, so nothing was rebuilt. */
  upToDate: boolean;
  papers: number;
  /** Texts sent to the model by this build: papers, plus sentences in `separate` mode. */
  embedded: number;
  /** Papers whose vectors came from the embedding cache (earlier or interrupted builds). */
  reused: number;
  /** Papers skipped as duplicates (the first thousand; `manifest.counts.duplicates` has them all). */
  duplicates: SkippedDuplicate[];
  seconds: number;
}

/** Duplicates reported one by one at most (the manifest counts them all). */
const LISTED_DUPLICATES = 1000;

/** Papers per embedding step: a few model batches, committed to the cache together. */
const EMBED_CHUNK = 128;

/** The text a paper is embedded as. */
export function paperText(paper: { title: string; abstract: string }): string {
  return `${paper.title}\n${paper.abstract}`;
}

/** True when the manifest describes an index of these files, built the way asked. */
async function isCurrent(
  manifest: IndexManifest | undefined,
  options: BuildIndexOptions,
): Promise<boolean> {
  return (
    manifest !== undefined &&
    manifest.formatVersion === INDEX_FORMAT_VERSION &&
    manifest.model === (options.embedder?.modelId ?? null) &&
    (!options.embedder || manifest.sentenceVectors === (options.sentenceVectors ?? "pooled")) &&
    manifest.corpus.format === options.format &&
    (await corpusUnchanged(manifest.corpus.files, options.corpusFiles))
  );
}

/** A paper waiting for the model. */
interface Pending {
  hash: string;
  paper: StoredPaper;
}

/**
 * Embeds papers in chunks while the corpus is still being read, and commits every finished
 * chunk to the embedding cache, so that an interrupted build resumes where it stopped.
 */
function createEmbeddingQueue(embedder: Embedder, cache: EmbeddingCache, mode: SentenceVectorMode) {
  let pending: Pending[] = [];
  /** Hashes queued or being embedded (not yet in the cache): bounded by a chunk or two. */
  const queued = new Set<string>();
  let inFlight: Promise<void> = Promise.resolve();
  let embedded = 0;

  async function vectorsOf(papers: readonly StoredPaper[]): Promise<PaperEmbedding[]> {
    if (mode === "pooled") return embedder.embedPapers(papers);
    const paperVectors = await embedder.embed(papers.map(paperText));
    const sentences = papers.flatMap((p) => p.sentences.map(([s, e]) => p.abstract.slice(s, e)));
    const sentenceVectors = await embedder.embed(sentences);
    embedded += sentences.length;
    let at = 0;
    return papers.map((p, i) => ({
      paper: paperVectors[i]!,
      sentences: p.sentences.map(() => sentenceVectors[at++]!),
    }));
  }

  async function embedChunk(chunk: Pending[]): Promise<void> {
    const results = await vectorsOf(chunk.map((item) => item.paper));
    const entries: CachedEmbedding[] = chunk.map((item, i) => ({
      hash: item.hash,
      paper: results[i]!.paper,
      sentences: quantizeSentenceVectors(results[i]!.sentences, embedder.dims),
    }));
    cache.put(entries);
    embedded += chunk.length;
    for (const item of chunk) queued.delete(item.hash);
  }

  /** Starts the next chunk once the one in flight is done (the model runs off the main thread). */
  async function dispatch(): Promise<void> {
    const chunk = pending;
    pending = [];
    const previous = inFlight;
    inFlight = previous.then(() => embedChunk(chunk));
    await previous;
  }

  return {
    /** Queues a paper unless its vectors are cached or queued; true when it was queued. */
    async add(item: Pending): Promise<boolean> {
      if (queued.has(item.hash) || cache.has(item.hash)) return false;
      queued.add(item.hash);
      pending.push(item);
      if (pending.length >= EMBED_CHUNK) await dispatch();
      return true;
    },
    async drain(): Promise<void> {
      if (pending.length > 0) await dispatch();
      await inFlight;
    },
    get embedded() {
      return embedded;
    },
  };
}

/** What is stored of a paper besides the paper: sentences, search terms, content hash. */
function recordOf(paper: Paper) {
  const sentences = splitSentences(paper.abstract);
  const stored: StoredPaper = { ...paper, sentences: sentences.map((s) => [s.start, s.end]) };
  return {
    paper: stored,
    titleTerms: tokenize(paper.title),
    abstractTerms: tokenize(paper.abstract),
    sentenceTerms: packSentenceTerms(sentences.map((s) => tokenize(s.text))),
    contentHash: contentHashOf(paperText(paper)),
  };
}

/** The paper vectors of a finished papers file, in row order, from the cache. */
function* paperVectorsByRow(papersFile: string, cache: EmbeddingCache): Generator<Float32Array> {
  const db = openPaperDatabase(papersFile);
  try {
    const hashes = db.prepare("SELECT content_hash FROM papers ORDER BY row").pluck();
    for (const hash of hashes.iterate() as Iterable<string>) {
      const vector = cache.paperVector(hash);
      if (!vector) throw new Error(`the embedding cache lost the vector of ${hash}`);
      yield vector;
    }
  } finally {
    db.close();
  }
}

/**
 * Builds the index of a corpus: streams the papers into a new generation's SQLite file (papers,
 * metadata, sentence offsets and terms, FTS5), embeds each paper once (its sentence vectors
 * pooled from the same pass) into the embedding cache, chunk by committed chunk, then builds the
 * HNSW graph from the cache and switches `manifest.json` to the new generation atomically.
 * An index that already matches corpus files and model is kept (`upToDate`); papers whose text
 * is in the cache (unchanged papers, or those an interrupted build finished) are not embedded
 * again. Without an embedder the index is lexical-only.
 *
 * @example
 * const result = await buildIndex({ corpusFiles: ["data/trending-papers.txt"], indexDir: "index", embedder });
 */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildIndexResult> {
  const started = performance.now();
  const { embedder, indexDir, onProgress } = options;
  const mode = options.sentenceVectors ?? "pooled";
  const previous = await readManifest(indexDir).catch(() => undefined);
  if (!options.force && (await isCurrent(previous, options))) {
    const manifest = previous!;
    return {
      manifest,
      upToDate: true,
      papers: manifest.counts.papers,
      embedded: 0,
      reused: 0,
      duplicates: [],
      seconds: (performance.now() - started) / 1000,
    };
  }
  // Checked first: a missing or unreadable corpus fails before anything is written.
  const total = await estimatePaperCount(options.corpusFiles, options.format);
  const corpusFiles = await Promise.all(options.corpusFiles.map(fingerprintCorpusFile));

  await mkdir(indexDir, { recursive: true });
  const generation = newGenerationName();
  const genDir = join(indexDir, generation);
  await mkdir(genDir);
  const papersFile = join(genDir, INDEX_FILES.papers);
  const writer = createPaperWriter(papersFile);
  const cacheFile = embedder
    ? embeddingCacheFile({ model: embedder.modelId, dims: embedder.dims, sentenceVectors: mode })
    : undefined;
  const cache =
    embedder && cacheFile
      ? openEmbeddingCache(join(indexDir, cacheFile), {
          model: embedder.modelId,
          dims: embedder.dims,
          sentenceVectors: mode,
        })
      : undefined;
  const queue = embedder && cache ? createEmbeddingQueue(embedder, cache, mode) : undefined;
  const truncatedBefore = embedder?.stats.truncated ?? 0;
  let sentences = 0;
  let reused = 0;
  let duplicateCount = 0;
  const duplicates: SkippedDuplicate[] = [];
  const onDuplicate = (duplicate: SkippedDuplicate) => {
    duplicateCount += 1;
    if (duplicates.length < LISTED_DUPLICATES) duplicates.push(duplicate);
  };
  try {
    onProgress?.({ phase: "papers", done: 0, total });
    const papers = streamCorpus(options.corpusFiles, {
      format: options.format,
      seen: writer.seen,
      onDuplicate,
    });
    for await (const { paper } of papers) {
      const record = recordOf(paper);
      writer.add(record);
      sentences += record.paper.sentences.length;
      if (queue && !(await queue.add({ hash: record.contentHash, paper: record.paper }))) {
        reused += 1;
      }
      if (writer.count % 64 === 0) {
        onProgress?.({ phase: "papers", done: writer.count, total: Math.max(total, writer.count) });
      }
    }
    await queue?.drain();
    onProgress?.({ phase: "papers", done: writer.count, total: writer.count });
    writer.finish();

    const files: IndexManifest["files"] = {};
    const hnswParams = options.hnsw ?? DEFAULT_HNSW;
    if (embedder && cache) {
      const hnsw = buildHnsw(
        paperVectorsByRow(papersFile, cache),
        writer.count,
        embedder.dims,
        hnswParams,
        (done, count) => onProgress?.({ phase: "hnsw", done, total: count }),
      );
      onProgress?.({ phase: "write", done: 0, total: 1 });
      hnsw.writeIndexSync(join(genDir, INDEX_FILES.hnsw));
      files[INDEX_FILES.hnsw] = await indexFileDigest(join(genDir, INDEX_FILES.hnsw));
    }
    files[INDEX_FILES.papers] = await indexFileDigest(papersFile);
    const manifest: IndexManifest = {
      formatVersion: INDEX_FORMAT_VERSION,
      model: embedder?.modelId ?? null,
      dims: embedder?.dims ?? 0,
      maxTokens: embedder?.maxTokens ?? 0,
      sentenceVectors: mode,
      corpus: { files: corpusFiles, ...(options.format ? { format: options.format } : {}) },
      counts: {
        papers: writer.count,
        sentences,
        truncated: (embedder?.stats.truncated ?? 0) - truncatedBefore,
        duplicates: duplicateCount,
      },
      hnsw: hnswParams,
      generation,
      ...(cacheFile ? { embeddings: cacheFile } : {}),
      files,
      builtAt: new Date().toISOString(),
    };
    await switchManifest(indexDir, manifest);
    onProgress?.({ phase: "write", done: 1, total: 1 });
    return {
      manifest,
      upToDate: false,
      papers: writer.count,
      embedded: queue?.embedded ?? 0,
      reused: queue ? reused : 0,
      duplicates,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    writer.abandon();
    cache?.close();
  }
}
