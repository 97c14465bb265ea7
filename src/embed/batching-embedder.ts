import type { Embedder } from "./types.ts";

export interface BatchingOptions {
  /** A merged call takes queued requests until it holds this many texts (a bigger request goes alone). */
  maxBatch?: number;
  /**
   * How long the first queued request waits for others while the model is idle. The default,
   * 0, adds no latency: it only gathers requests that arrived in the same turn of the event
   * loop; under load, requests batch anyway because they queue while the model is busy.
   */
  maxWaitMs?: number;
}

/** What the queue did: compare `batches` with `requests` to see how much was merged. */
export interface BatchingStats {
  /** `embed` calls received. */
  requests: number;
  /** Merged calls made to the wrapped embedder. */
  batches: number;
}

/** An embedder that merges concurrent `embed` calls; `stats` are the wrapped model's counters. */
export interface BatchingEmbedder extends Embedder {
  readonly batching: BatchingStats;
}

interface Waiting {
  texts: readonly string[];
  resolve: (vectors: Float32Array[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Wraps an embedder so that concurrent `embed` calls (e.g. simultaneous HTTP requests) share
 * model calls: calls queue for up to `maxWaitMs` while the model is idle, and all calls that
 * arrive while it is busy go together into the next call, up to `maxBatch` texts. Each caller
 * gets its own vectors, in its own order; a failed model call fails the callers it served.
 *
 * @example
 * const batched = createBatchingEmbedder(embedder, { maxBatch: 64 });
 * const [a, b] = await Promise.all([batched.embed(["x"]), batched.embed(["y"])]);
 * batched.batching; // { requests: 2, batches: 1 }
 */
export function createBatchingEmbedder(
  embedder: Embedder,
  options: BatchingOptions = {},
): BatchingEmbedder {
  const maxBatch = options.maxBatch ?? 64;
  const maxWaitMs = options.maxWaitMs ?? 0;
  const queue: Waiting[] = [];
  const batching: BatchingStats = { requests: 0, batches: 0 };
  let queuedTexts = 0;
  let busy = false;
  let scheduled = false;

  function takeBatch(): Waiting[] {
    const batch = [queue.shift()!];
    let size = batch[0]!.texts.length;
    while (queue.length > 0 && size + queue[0]!.texts.length <= maxBatch) {
      size += queue[0]!.texts.length;
      batch.push(queue.shift()!);
    }
    queuedTexts -= size;
    return batch;
  }

  async function runBatches(): Promise<void> {
    // A busy loop takes everything queued before it stops.
    if (busy) return;
    busy = true;
    while (queue.length > 0) {
      const batch = takeBatch();
      batching.batches += 1;
      try {
        const vectors = await embedder.embed(batch.flatMap((waiting) => waiting.texts));
        let offset = 0;
        for (const waiting of batch) {
          waiting.resolve(vectors.slice(offset, offset + waiting.texts.length));
          offset += waiting.texts.length;
        }
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    busy = false;
  }

  return {
    get modelId() {
      return embedder.modelId;
    },
    get dtype() {
      return embedder.dtype;
    },
    get dims() {
      return embedder.dims;
    },
    get maxTokens() {
      return embedder.maxTokens;
    },
    get stats() {
      return embedder.stats;
    },
    batching,
    embed(texts) {
      batching.requests += 1;
      if (texts.length === 0) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        queue.push({ texts, resolve, reject });
        queuedTexts += texts.length;
        if (busy) return;
        if (queuedTexts >= maxBatch) void runBatches();
        else if (!scheduled) {
          scheduled = true;
          const run = () => {
            scheduled = false;
            void runBatches();
          };
          if (maxWaitMs > 0) setTimeout(run, maxWaitMs);
          else setImmediate(run);
        }
      });
    },
    // Indexing's bulk work: already in batches of its own, so nothing to merge.
    embedPapers: (papers) => embedder.embedPapers(papers),
    countTokens: (texts) => embedder.countTokens(texts),
  };
}
