/** The one place the eval touches paperchat's search entry points (build, open, search). */
import type { SearchResult } from "../../src/contract/search-response.ts";
import { tokenize } from "../../src/contract/tokenize.ts";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import type { ModelDtype } from "../../src/embed/model-source.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";
import { createSearchEngine } from "../../src/search/search-engine.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import type { PaperKey } from "../../src/store/paper-store.ts";
import type { SentenceVectorMode } from "../../src/store/sentence-vectors.ts";

export interface EvalEngineOptions {
  corpusFile: string;
  /** Built (or rebuilt: it is cheap, the index's embedding cache is kept) on every open. */
  indexDir: string;
  /** A local model folder; without one the index and search are lexical-only. */
  model?: string;
  sentenceVectors?: SentenceVectorMode;
  /** The model's encoder (default fp32). */
  dtype?: ModelDtype;
  /** Where hub models would be cached (the eval runs offline, from folders only). */
  cacheDir: string;
}

/** paperchat's own rankings of one question, paper ids best first (for the experiments). */
export interface EngineRankings {
  bm25: string[];
  rareTitles: string[];
  /** Absent in lexical-only mode. */
  dense?: string[];
}

/** A search engine over a freshly built index of one corpus, opened in this process. */
export interface EvalEngine {
  /** Absent in lexical-only mode. */
  readonly embedder?: Embedder;
  search(question: string, k: number): Promise<SearchResult[]>;
  rankings(question: string, limit: number): Promise<EngineRankings>;
  close(): Promise<void>;
}

/**
 * Builds the index of `corpusFile` in `indexDir` (forced, so that a change to paperchat's code
 * is measured; the embedding cache keeps the model's work) and opens a search engine on it.
 *
 * @example
 * const engine = await openEvalEngine({ corpusFile: "data/trending-papers.txt", indexDir, model, cacheDir });
 * const results = await engine.search("graph convolution for recommendation", 10);
 */
export async function openEvalEngine(options: EvalEngineOptions): Promise<EvalEngine> {
  const embedder = options.model
    ? await loadEmbedder({
        model: options.model,
        offline: true,
        cacheDir: options.cacheDir,
        ...(options.dtype ? { dtype: options.dtype } : {}),
      })
    : undefined;
  await buildIndex({
    corpusFiles: [options.corpusFile],
    indexDir: options.indexDir,
    embedder,
    sentenceVectors: options.sentenceVectors,
    force: true,
  });
  const store = await openEmbeddedStore(options.indexDir, { encoder: embedder });
  const engine = createSearchEngine({ store, embedder });
  const idsOf = async (keys: readonly PaperKey[]) =>
    (await store.papers(keys)).map((paper) => paper.id);
  return {
    ...(embedder ? { embedder } : {}),
    search: (question, k) => engine.searchPapers(question, k),
    async rankings(question, limit) {
      const { bm25, rareTitles } = await store.lexical(tokenize(question), limit);
      const vector = embedder ? (await embedder.embed([question]))[0] : undefined;
      const dense = vector && (await store.nearest({ vector, limit, among: "all" })).keys;
      return {
        bm25: await idsOf(bm25.keys),
        rareTitles: await idsOf(rareTitles.keys),
        ...(dense ? { dense: await idsOf(dense) } : {}),
      };
    },
    close: () => store.close(),
  };
}
