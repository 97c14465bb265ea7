import type { BuildProgress } from "../contract/build-progress.ts";
import { type BatchingEmbedder, createBatchingEmbedder } from "../embed/batching-embedder.ts";
import { ModelUnavailableError } from "../embed/model-unavailable-error.ts";
import { buildIndex } from "../indexing/build-index.ts";
import { createSearchEngine, type SearchEngine } from "../search/search-engine.ts";
import type { Settings } from "../settings/settings.ts";
import type { StoreLocation } from "../store/store-location.ts";
import { loadModelFor } from "./load-model-for.ts";
import { storeLocationFor } from "./store-location-for.ts";

export interface OpenSearchEngineOptions {
  settings: Settings;
  /** Build the index when there is none, or rebuild it when its corpus or model changed. */
  build?: boolean;
  /**
   * Load the model to embed questions (default). `false` for commands that only read stored
   * vectors (`paperchat similar`): they start without the model's load time.
   */
  embed?: boolean;
  /** Called once when the model cannot be loaded and search falls back to lexical-only. */
  onDegraded?: (error: ModelUnavailableError) => void;
  /** One line for the person: what is built, replaced or kept, and why. */
  onNotice?: (line: string) => void;
  onProgress?: (progress: BuildProgress) => void;
}

export interface OpenedSearchEngine {
  engine: SearchEngine;
  /**
   * The model, shared by every caller: questions that arrive together (searches, chats,
   * `/v1/embeddings`) go through one model pass. Absent in degraded (lexical-only) mode, or when
   * not asked for.
   */
  embedder?: BatchingEmbedder;
  /** Whether this call (re)built the index. */
  built: boolean;
}

/** The model, or why it is missing (degraded mode). */
async function modelOf(settings: Settings, location: StoreLocation) {
  try {
    return { embedder: await loadModelFor(settings, location) };
  } catch (error) {
    if (!(error instanceof ModelUnavailableError)) throw error;
    return { modelError: error };
  }
}

/**
 * The one opener every command and the server use: loads the model, builds or rebuilds the
 * index first when asked (`build`; see {@link planBuild} for when), opens the store and makes the
 * search engine. Without the model, search is lexical (degraded mode) and `onDegraded` says why;
 * with neither model nor index, a lexical-only index is built.
 *
 * @example
 * const { engine } = await openSearchEngine({ settings: resolveSettings(process.env), build: true });
 */
export async function openSearchEngine(
  options: OpenSearchEngineOptions,
): Promise<OpenedSearchEngine> {
  const { settings } = options;
  const location = storeLocationFor(settings);
  const { embedder, modelError } =
    options.embed === false
      ? { embedder: undefined, modelError: undefined }
      : await modelOf(settings, location);
  let built = false;
  if (options.build) {
    const result = await buildIndex({
      corpusFiles: settings.corpusFiles,
      store: location,
      embedder,
      serving: { corpusNamed: settings.corpusNamed },
      onNotice: options.onNotice,
      onProgress: options.onProgress,
    });
    built = !result.upToDate;
  }
  const store = await location.open({ encoder: embedder });
  if (modelError) options.onDegraded?.(modelError);
  const shared = embedder && createBatchingEmbedder(embedder);
  return { engine: createSearchEngine({ store, embedder: shared }), embedder: shared, built };
}
