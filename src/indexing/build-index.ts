import type { BuildProgress } from "../contract/build-progress.ts";
import { readCorpusOnce } from "../corpus/corpus-pass.ts";
import { checkCorpusFiles } from "../corpus/stream-corpus.ts";
import type { CorpusFormat, SkippedDuplicate } from "../corpus/types.ts";
import type { Embedder } from "../embed/types.ts";
import { embeddedLocation } from "../store/embedded/embedded-location.ts";
import type { HnswParams } from "../store/embedded/manifest.ts";
import type { PaperRecord } from "../store/paper-record.ts";
import { quantizeSentenceVectors, type SentenceVectorMode } from "../store/sentence-vectors.ts";
import type {
  BuildTarget,
  CachedEmbedding,
  CorpusPart,
  IndexFacts,
  StoreLocation,
} from "../store/store-location.ts";
import { partOfPaper } from "./corpus-part.ts";
import { createEmbeddingQueue, type EmbeddingQueue } from "./embedding-queue.ts";
import { paperRecordOf } from "./paper-record-of.ts";
import { type BuildPlan, type BuildRequest, planBuild } from "./plan-build.ts";
import { createRowOrder } from "./row-order.ts";

export interface BuildIndexOptions {
  corpusFiles: string[];
  format?: CorpusFormat;
  /** Where the index lives; default: the embedded store in `indexDir`. */
  store?: StoreLocation;
  /** The embedded store's folder, when `store` is not given. */
  indexDir?: string;
  /** Without a model the index is lexical-only (BM25 and title terms); a later build embeds it. */
  embedder?: Embedder;
  /** Rebuild even when the corpus and model are unchanged (finished model work is still reused). */
  force?: boolean;
  /** How sentence vectors are made (default `pooled`: one model pass per paper). */
  sentenceVectors?: SentenceVectorMode;
  /** When serving (`npm start`): see `BuildRequest.serving`. */
  serving?: BuildRequest["serving"];
  /** HNSW parameters of an embedded index (tests and benches). */
  hnsw?: HnswParams;
  /** Write only this share of the corpus (`--part I/N`); the others are written by other workers. */
  part?: CorpusPart;
  /** Papers read ahead of the store's writes before the build waits for them (tests; default 20,000). */
  maxWaiting?: number;
  onProgress?: (progress: BuildProgress) => void;
  /** Told once what is built, replaced or kept, and why. */
  onNotice?: (line: string) => void;
}

export interface BuildIndexResult {
  /** What the index in force afterwards was built from. */
  manifest: IndexFacts;
  /** True when the existing index already matched corpus and model, so nothing was rebuilt. */
  upToDate: boolean;
  papers: number;
  /** Texts sent to the model by this build: papers, plus sentences in `separate` mode. */
  embedded: number;
  /** Papers whose model work the store already held (earlier or interrupted builds). */
  reused: number;
  /** Papers skipped as duplicates (the first thousand; `manifest.counts.duplicates` has them all). */
  duplicates: SkippedDuplicate[];
  seconds: number;
}

/** Duplicates reported one by one at most (the manifest counts them all). */
const LISTED_DUPLICATES = 1000;
/** Papers whose finished model work is asked of the store at once. */
const LOOKUP_BATCH = 128;
/**
 * Papers read but not yet written (held back for the rows before them still in the model, or
 * behind the store's writes) before the build waits: a store that writes more slowly than the
 * corpus is read and embedded (a cluster, or any store when the model work is all reused) would
 * otherwise hold the rest of the corpus in memory.
 */
const MAX_WAITING = 20_000;

/**
 * Builds the index of a corpus when it is not current (see {@link planBuild}): reads the corpus once
 * (hashing it as it goes); asks the store which papers' model work it already holds; embeds the
 * others once each (sentence vectors pooled from the same pass) in chunks, handing each finished
 * chunk to the store once the next has gone to the model, and adds the papers in corpus order;
 * then the store puts the new index in force atomically. Without an embedder the index is
 * lexical-only.
 *
 * @example
 * const result = await buildIndex({ corpusFiles: ["data/trending-papers.txt"], indexDir: "index", embedder });
 */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildIndexResult> {
  const started = performance.now();
  const { embedder } = options;
  const store = options.store ?? embeddedLocation(options.indexDir ?? "index", options);
  const plan = await planBuild(store, {
    corpusFiles: options.corpusFiles,
    format: options.format,
    encoder: embedder && { model: embedder.modelId, dtype: embedder.dtype },
    sentenceVectors: options.sentenceVectors,
    force: options.force,
    serving: options.serving,
  });
  if (plan.notice) options.onNotice?.(plan.notice);
  const seconds = () => (performance.now() - started) / 1000;
  if (!plan.build) {
    const manifest = plan.facts;
    const papers = manifest.counts.papers;
    const result = { upToDate: true, papers, embedded: 0, reused: 0, duplicates: [] };
    return { manifest, ...result, seconds: seconds() };
  }
  await checkCorpusFiles(plan.corpusFiles, plan.format);
  const target = await store.beginBuild({
    ...(embedder ? { encoder: embedder } : {}),
    sentenceVectors: plan.sentenceVectors,
    corpusFiles: plan.corpusFiles,
    ...(options.part ? { part: options.part } : {}),
  });
  try {
    const result = await fill(target, plan, options);
    return { ...result, seconds: seconds() };
  } catch (error) {
    await target.abandon();
    throw error;
  }
}

/** A paper ready to be added at its row, with its model work unless lexical-only. */
interface Ready {
  row: number;
  record: PaperRecord;
  embedding?: CachedEmbedding;
}

/** Reads the corpus into a started build and finishes it. */
async function fill(
  target: BuildTarget,
  plan: Extract<BuildPlan, { build: true }>,
  options: BuildIndexOptions,
): Promise<Omit<BuildIndexResult, "seconds">> {
  const { embedder, onProgress } = options;
  const duplicates: SkippedDuplicate[] = [];
  let duplicateCount = 0;
  const pass = await readCorpusOnce(plan.corpusFiles, {
    format: plan.format,
    seen: target.seen,
    onDuplicate(duplicate) {
      duplicateCount += 1;
      if (duplicates.length < LISTED_DUPLICATES) duplicates.push(duplicate);
    },
  });
  const order = createRowOrder<Ready>((ready) =>
    target.add(ready.row, ready.record, ready.embedding),
  );
  const { part } = options;
  /** The papers this build writes are numbered 0, 1, 2, … for the order; rows are the corpus's. */
  let written = 0;
  /** Records waiting for the model, by row, with their place in the order. */
  const inModel = new Map<number, { at: number; record: PaperRecord }>();
  const queue: EmbeddingQueue | undefined =
    embedder &&
    createEmbeddingQueue({
      embedder,
      mode: plan.sentenceVectors,
      async onEmbedded(done) {
        const entries = done.map(({ hash, embedding }) => ({
          hash,
          paper: embedding.paper,
          sentences: quantizeSentenceVectors(embedding.sentences, embedder.dims),
        }));
        await target.remember(entries);
        done.forEach(({ row }, i) => {
          const waiting = inModel.get(row)!;
          order.put(waiting.at, { row, record: waiting.record, embedding: entries[i]! });
          inModel.delete(row);
        });
      },
    });
  const truncatedBefore = embedder?.stats.truncated ?? 0;
  let rows = 0;
  let sentences = 0;
  let reused = 0;
  let lookup: { at: number; row: number; record: PaperRecord }[] = [];
  /** Asks the store for the model work of the papers read since the last ask. */
  const settleLookups = async () => {
    const asked = lookup;
    lookup = [];
    const cached = embedder
      ? await target.cached(asked.map(({ record }) => record.contentHash))
      : new Map();
    for (const { at, row, record } of asked) {
      const embedding = cached.get(record.contentHash);
      if (embedding || !queue) {
        if (embedding) reused += 1;
        order.put(at, { row, record, ...(embedding ? { embedding } : {}) });
      } else {
        inModel.set(row, { at, record });
        await queue.add({ row, hash: record.contentHash, paper: record.paper });
      }
    }
    // Papers known at once wait for the rows before them still in the model, and every paper
    // for the store's writes: bounded.
    if (order.waiting > (options.maxWaiting ?? MAX_WAITING)) {
      await queue?.drain();
      await order.settled();
    }
    order.check();
  };
  for await (const { paper } of pass.papers) {
    const row = rows;
    rows += 1;
    if (part && partOfPaper(paper.id, part.of) !== part.index) continue;
    const record = paperRecordOf(paper);
    lookup.push({ at: written, row, record });
    written += 1;
    sentences += record.paper.sentences.length;
    if (lookup.length >= LOOKUP_BATCH) await settleLookups();
    if (rows % 64 === 0)
      onProgress?.({ phase: "papers", done: rows, total: pass.estimatedPapers(rows) });
  }
  await settleLookups();
  await queue?.drain();
  await order.settled();
  onProgress?.({ phase: "papers", done: rows, total: rows });
  onProgress?.({ phase: "write", done: 0, total: 1 });
  const manifest = await target.finish({
    model: embedder?.modelId ?? null,
    ...(embedder && embedder.dtype !== "fp32" ? { dtype: embedder.dtype } : {}),
    dims: embedder?.dims ?? 0,
    maxTokens: embedder?.maxTokens ?? 0,
    sentenceVectors: plan.sentenceVectors,
    corpus: { files: pass.fingerprints(), ...(plan.format ? { format: plan.format } : {}) },
    counts: {
      papers: written,
      sentences,
      truncated: (embedder?.stats.truncated ?? 0) - truncatedBefore,
      duplicates: duplicateCount,
    },
  });
  onProgress?.({ phase: "write", done: 1, total: 1 });
  return {
    manifest,
    upToDate: false,
    papers: written,
    embedded: queue?.embedded ?? 0,
    reused,
    duplicates,
  };
}
