import { join } from "node:path";
import type { BuildProgress } from "../contract/build-progress.ts";
import { readCorpusOnce } from "../corpus/corpus-pass.ts";
import { checkCorpusFiles } from "../corpus/stream-corpus.ts";
import type { CorpusFormat, SkippedDuplicate } from "../corpus/types.ts";
import type { Embedder } from "../embed/types.ts";
import { beginEmbeddedBuild } from "../store/embedded/embedded-build.ts";
import {
  embeddingCacheFile,
  embeddingCacheKey,
  openEmbeddingCache,
} from "../store/embedded/embedding-cache.ts";
import type { HnswParams, IndexManifest } from "../store/embedded/manifest.ts";
import { readManifest } from "../store/embedded/manifest-file.ts";
import { quantizeSentenceVectors, type SentenceVectorMode } from "../store/sentence-vectors.ts";
import { createEmbeddingQueue } from "./embedding-queue.ts";
import { paperRecordOf } from "./paper-record-of.ts";
import { type BuildPlan, type BuildRequest, planBuild } from "./plan-build.ts";
import { createRowOrder } from "./row-order.ts";

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
  /** When serving (`npm start`): see `BuildRequest.serving`. */
  serving?: BuildRequest["serving"];
  hnsw?: HnswParams;
  onProgress?: (progress: BuildProgress) => void;
  /** Told once what is built, replaced or kept, and why. */
  onNotice?: (line: string) => void;
}

export interface BuildIndexResult {
  /** The manifest in force afterwards. */
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

/**
 * Builds the index of a corpus when it is not current (see `planBuild`): reads the corpus once
 * (hashing it as it goes) into a new generation's SQLite file (papers, metadata, sentence
 * offsets and terms, FTS5); embeds each paper once (its sentence vectors pooled from the same
 * pass) chunk by committed chunk into the embedding cache, while the model works on the next
 * chunk; puts each paper into the HNSW graph as its vector arrives; then switches
 * `manifest.json` to the new generation atomically. Papers whose text is in the cache
 * (unchanged papers, or those an interrupted build finished) are not embedded again. Without an
 * embedder the index is lexical-only.
 *
 * @example
 * const result = await buildIndex({ corpusFiles: ["data/trending-papers.txt"], indexDir: "index", embedder });
 */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildIndexResult> {
  const started = performance.now();
  const { embedder } = options;
  const plan = await planBuild({
    indexDir: options.indexDir,
    corpusFiles: options.corpusFiles,
    format: options.format,
    encoder: embedder && { model: embedder.modelId, dtype: embedder.dtype },
    sentenceVectors: options.sentenceVectors,
    force: options.force,
    serving: options.serving,
  });
  if (plan.notice) options.onNotice?.(plan.notice);
  if (!plan.build) {
    const manifest = await readManifest(options.indexDir);
    const seconds = (performance.now() - started) / 1000;
    const papers = manifest.counts.papers;
    return { manifest, upToDate: true, papers, embedded: 0, reused: 0, duplicates: [], seconds };
  }
  const result = await runBuild(plan, options);
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

/** Carries out a plan that builds. */
async function runBuild(
  plan: Extract<BuildPlan, { build: true }>,
  options: BuildIndexOptions,
): Promise<Omit<BuildIndexResult, "seconds">> {
  const { embedder, indexDir, onProgress } = options;
  const mode = plan.sentenceVectors;
  await checkCorpusFiles(plan.corpusFiles, plan.format);
  const duplicates: SkippedDuplicate[] = [];
  let duplicateCount = 0;
  const target = await beginEmbeddedBuild({ indexDir, dims: embedder?.dims, hnsw: options.hnsw });
  const pass = await readCorpusOnce(plan.corpusFiles, {
    format: plan.format,
    seen: target.seen,
    onDuplicate(duplicate) {
      duplicateCount += 1;
      if (duplicates.length < LISTED_DUPLICATES) duplicates.push(duplicate);
    },
  });
  const key =
    embedder &&
    embeddingCacheKey({
      model: embedder.modelId,
      dims: embedder.dims,
      sentenceVectors: mode,
      dtype: embedder.dtype,
    });
  const cacheFile = key && embeddingCacheFile(key);
  const cache = key && cacheFile ? openEmbeddingCache(join(indexDir, cacheFile), key) : undefined;
  const order = createRowOrder((vector) => target.addVector(vector));
  const queue =
    embedder &&
    cache &&
    createEmbeddingQueue({
      embedder,
      mode,
      onEmbedded(done) {
        cache.put(
          done.map(({ hash, embedding }) => ({
            hash,
            paper: embedding.paper,
            sentences: quantizeSentenceVectors(embedding.sentences, embedder.dims),
          })),
        );
        for (const { row, embedding } of done) order.put(row, embedding.paper);
      },
    });
  const truncatedBefore = embedder?.stats.truncated ?? 0;
  let sentences = 0;
  let reused = 0;
  try {
    for await (const { paper } of pass.papers) {
      const record = paperRecordOf(paper);
      const row = target.addPaper(record);
      sentences += record.paper.sentences.length;
      const cached = cache?.paperVector(record.contentHash);
      if (cached) {
        reused += 1;
        order.put(row, cached);
        // Cached papers wait in memory for the rows before them still in the model: bounded.
        if (order.waiting > order.limit) await queue?.drain();
      } else if (queue) {
        await queue.add({ row, hash: record.contentHash, paper: record.paper });
      }
      if (target.papers % 64 === 0) {
        const done = target.papers;
        onProgress?.({ phase: "papers", done, total: pass.estimatedPapers(done) });
      }
    }
    await queue?.drain();
    onProgress?.({ phase: "papers", done: target.papers, total: target.papers });
    onProgress?.({ phase: "write", done: 0, total: 1 });
    const manifest = await target.finish({
      model: embedder?.modelId ?? null,
      ...(embedder && embedder.dtype !== "fp32" ? { dtype: embedder.dtype } : {}),
      maxTokens: embedder?.maxTokens ?? 0,
      sentenceVectors: mode,
      corpus: { files: pass.fingerprints(), ...(plan.format ? { format: plan.format } : {}) },
      counts: {
        papers: target.papers,
        sentences,
        truncated: (embedder?.stats.truncated ?? 0) - truncatedBefore,
        duplicates: duplicateCount,
      },
      ...(cacheFile ? { embeddings: cacheFile } : {}),
    });
    onProgress?.({ phase: "write", done: 1, total: 1 });
    const papers = target.papers;
    return {
      manifest,
      upToDate: false,
      papers,
      embedded: queue?.embedded ?? 0,
      reused,
      duplicates,
    };
  } finally {
    target.abandon();
    cache?.close();
  }
}
