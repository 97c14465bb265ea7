import { loadEmbedder } from "../embed/load-embedder.ts";
import { ModelUnavailableError } from "../embed/model-unavailable-error.ts";
import type { Embedder } from "../embed/types.ts";
import { type BuildProgress, buildIndex } from "../index/build-index.ts";
import { IndexError } from "../index/index-errors.ts";
import { loadIndex } from "../index/load-index.ts";
import type { Settings } from "../settings/settings.ts";
import { createSearchEngine, type SearchEngine } from "./search-engine.ts";

export interface OpenSearchEngineOptions {
  settings: Settings;
  /** Build (or rebuild) the index first when it is missing or stale (`npm start`). */
  build?: boolean;
  /** Called once when the model cannot be loaded and search falls back to lexical-only. */
  onDegraded?: (error: ModelUnavailableError) => void;
  onProgress?: (progress: BuildProgress) => void;
}

export interface OpenedSearchEngine {
  engine: SearchEngine;
  /** Absent in degraded (lexical-only) mode. */
  embedder?: Embedder;
  /** Whether this call (re)built the index. */
  built: boolean;
}

/**
 * Loads the model and the index and returns a ready search engine. When the model cannot be
 * loaded, an existing index is still served lexically (degraded mode) and `onDegraded` says why;
 * with neither model nor index, the model error is thrown (building needs the model).
 *
 * @example
 * const { engine } = await openSearchEngine({ settings: resolveSettings(process.env), build: true });
 */
export async function openSearchEngine(
  options: OpenSearchEngineOptions,
): Promise<OpenedSearchEngine> {
  const { settings } = options;
  let embedder: Embedder | undefined;
  let modelError: ModelUnavailableError | undefined;
  try {
    embedder = await loadEmbedder(settings);
  } catch (error) {
    if (!(error instanceof ModelUnavailableError)) throw error;
    modelError = error;
  }
  let built = false;
  if (options.build && embedder) {
    const result = await buildIndex({
      corpusFiles: settings.corpusFiles,
      indexDir: settings.indexDir,
      embedder,
      onProgress: options.onProgress,
    });
    built = !result.reused;
  }
  const index = await loadIndex(
    settings.indexDir,
    embedder ? { model: embedder.modelId } : {},
  ).catch((error: unknown) => {
    // No model and no index: the model is what is missing (building needs it), so say that.
    if (modelError && error instanceof IndexError && error.code === "missing") throw modelError;
    throw error;
  });
  if (modelError) options.onDegraded?.(modelError);
  return { engine: createSearchEngine({ index, embedder }), embedder, built };
}
