import { paperText } from "../corpus/paper-text.ts";
import type { Embedder, PaperEmbedding } from "../embed/types.ts";
import type { StoredPaper } from "../store/paper-store.ts";
import type { SentenceVectorMode } from "../store/sentence-vectors.ts";

/** A paper waiting for the model: its row in the build and its content hash. */
export interface QueuedPaper {
  row: number;
  hash: string;
  paper: StoredPaper;
}

/** A paper the model has finished. */
export interface EmbeddedPaper extends QueuedPaper {
  embedding: PaperEmbedding;
}

export interface EmbeddingQueueOptions {
  embedder: Embedder;
  mode: SentenceVectorMode;
  /** Papers per model step (a few model batches). */
  chunkSize?: number;
  /**
   * Takes each finished chunk, in order: commit it to the cache, put its vectors in the graph.
   * The next chunk has gone to the model before it is called.
   */
  onEmbedded: (papers: EmbeddedPaper[]) => void | Promise<void>;
}

/** Papers go to the model in chunks; finished chunks come back through `onEmbedded`. */
export interface EmbeddingQueue {
  /** Queues a paper; waits while a full chunk is already waiting for the model. */
  add(paper: QueuedPaper): Promise<void>;
  /** Sends what is queued and waits until every chunk has been handed to `onEmbedded`. */
  drain(): Promise<void>;
  /** Texts sent to the model: papers, plus sentences in `separate` mode. */
  readonly embedded: number;
}

const EMBED_CHUNK = 128;

/**
 * Embeds papers in chunks while the corpus is still being read, as a two-step pipeline: the next
 * chunk goes to the model before the previous one is handed to `onEmbedded`, so a store that
 * writes over the network (or a model that runs off this thread) works while the model does.
 * onnxruntime-node runs a model pass on this thread, so for the embedded store the steps take
 * turns; what they add to the model's time is measured by the indexing bench. One full chunk
 * may wait for the model; `add` waits beyond that, so memory stays bounded.
 *
 * @example
 * const queue = createEmbeddingQueue({ embedder, mode: "pooled", onEmbedded: (done) => cache.put(…) });
 * await queue.add({ row: 0, hash, paper });
 * await queue.drain();
 */
export function createEmbeddingQueue(options: EmbeddingQueueOptions): EmbeddingQueue {
  const { embedder, mode, onEmbedded } = options;
  const chunkSize = options.chunkSize ?? EMBED_CHUNK;
  let pending: QueuedPaper[] = [];
  const waiting: QueuedPaper[][] = [];
  let pumping: Promise<void> | undefined;
  let failure: { error: unknown } | undefined;
  let freed: (() => void) | undefined;
  let embedded = 0;

  async function embeddingsOf(papers: readonly StoredPaper[]): Promise<PaperEmbedding[]> {
    embedded += papers.length;
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

  const hand = (chunk: QueuedPaper[], embeddings: PaperEmbedding[]) =>
    onEmbedded(chunk.map((item, i) => ({ ...item, embedding: embeddings[i]! })));

  /**
   * Runs the waiting chunks through the model. Its loop ends, and `pumping` is cleared, in one
   * synchronous step, so a chunk queued later always starts a new pump.
   */
  async function pump(): Promise<void> {
    let finished: [QueuedPaper[], PaperEmbedding[]] | undefined;
    try {
      for (;;) {
        const chunk = waiting.shift();
        if (!chunk) {
          if (!finished) break;
          const last = finished;
          finished = undefined;
          await hand(...last);
          continue; // a chunk may have been queued meanwhile
        }
        freed?.();
        const running = embeddingsOf(chunk.map((item) => item.paper));
        running.catch(() => undefined); // awaited below; a hand-over failure must not orphan it
        // The model has its inputs now: hand the previous chunk over while it works.
        if (finished) await hand(...finished);
        finished = [chunk, await running];
      }
    } catch (error) {
      failure = { error };
      freed?.();
    } finally {
      pumping = undefined;
    }
  }

  /** Starts the pump when it is idle (a chunk was just queued, so it awaits the model first). */
  function start(): void {
    pumping ??= pump();
  }

  const check = () => {
    if (failure) throw failure.error;
  };

  return {
    async add(paper) {
      check();
      pending.push(paper);
      if (pending.length < chunkSize) return;
      waiting.push(pending);
      pending = [];
      start();
      while (waiting.length > 1 && !failure) {
        await new Promise<void>((resolve) => {
          freed = resolve;
        });
      }
      check();
    },
    async drain() {
      check();
      if (pending.length > 0) {
        waiting.push(pending);
        pending = [];
        start();
      }
      while (pumping) await pumping;
      check();
    },
    get embedded() {
      return embedded;
    },
  };
}
