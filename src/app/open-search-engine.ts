import { existsSync } from "node:fs";
import { loadEmbedder } from "../embed/load-embedder.ts";
import { ModelUnavailableError } from "../embed/model-unavailable-error.ts";
import type { Embedder } from "../embed/types.ts";
import { createSearchEngine, type SearchEngine } from "../search/search-engine.ts";
import type { Settings } from "../settings/settings.ts";
import { type BuildProgress, buildIndex } from "../store/build-index.ts";
import { IndexError } from "../store/index-errors.ts";
import type { IndexManifest } from "../store/manifest.ts";
import { earlierFormatCorpus, openStore, readManifest } from "../store/open-store.ts";

export interface OpenSearchEngineOptions {
  settings: Settings;
  /** Build the index when there is none, or rebuild it when its corpus or model changed. */
  build?: boolean;
  /** Called once when the model cannot be loaded and search falls back to lexical-only. */
  onDegraded?: (error: ModelUnavailableError) => void;
  /** One line for the person: what is built, replaced or kept, and why. */
  onNotice?: (line: string) => void;
  onProgress?: (progress: BuildProgress) => void;
}

export interface OpenedSearchEngine {
  engine: SearchEngine;
  /** Absent in degraded (lexical-only) mode. */
  embedder?: Embedder;
  /** Whether this call (re)built the index. */
  built: boolean;
}

const describe = (files: readonly string[]) => files.join(", ");

/** What to build, if anything, and the line that says why; undefined to keep the index as it is. */
function planBuild(
  manifest: IndexManifest | undefined,
  settings: Settings,
  embedder: Embedder | undefined,
):
  | { corpusFiles: string[]; format?: IndexManifest["corpus"]["format"]; notice?: string }
  | undefined {
  if (!manifest) {
    return {
      corpusFiles: settings.corpusFiles,
      notice: `paperchat: no index in ${settings.indexDir} yet; building one of ${describe(settings.corpusFiles)}${embedder ? "" : " (lexical-only: the model is not available)"}.`,
    };
  }
  const own = manifest.corpus.files.map((file) => file.path);
  const named = settings.corpusNamed && describe(settings.corpusFiles) !== describe(own);
  if (named) {
    return {
      corpusFiles: settings.corpusFiles,
      notice: `paperchat: replacing the index of ${describe(own)} (${manifest.counts.papers} papers) with one of ${describe(settings.corpusFiles)}, as --corpus / PAPERCHAT_CORPUS asks.`,
    };
  }
  // An index with vectors is never replaced by a lexical-only one because the model is missing.
  if (!embedder && manifest.model !== null) return undefined;
  const missing = own.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    return undefined;
  }
  return {
    corpusFiles: own,
    ...(manifest.corpus.format ? { format: manifest.corpus.format } : {}),
  };
}

/**
 * Loads the model and opens the index, building or rebuilding it first when asked (`build`):
 * with no index, of the configured corpus; otherwise only when the index's own corpus files
 * changed, when `--corpus`/`PAPERCHAT_CORPUS` names another corpus, or when the model is now
 * available for an index that was built without it. An index is never replaced by one of another
 * corpus unless asked. Without the model, search is lexical (degraded mode) and `onDegraded`
 * says why; with neither model nor index, a lexical-only index is built.
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
  if (options.build) {
    let earlierFormat: string[] | undefined;
    const manifest = await readManifest(settings.indexDir).catch(async (error: unknown) => {
      if (error instanceof IndexError && error.code === "missing") return undefined;
      if (error instanceof IndexError && error.code === "format-mismatch") {
        earlierFormat = (await earlierFormatCorpus(settings.indexDir)) ?? settings.corpusFiles;
        return undefined;
      }
      throw error;
    });
    const plan =
      earlierFormat && !settings.corpusNamed
        ? {
            corpusFiles: earlierFormat,
            notice: `paperchat: the index in ${settings.indexDir} was built by an earlier paperchat; rebuilding it from ${describe(earlierFormat)} in the current format.`,
          }
        : planBuild(manifest, settings, embedder);
    if (plan) {
      if (plan.notice) options.onNotice?.(plan.notice);
      const result = await buildIndex({
        corpusFiles: plan.corpusFiles,
        format: plan.format,
        indexDir: settings.indexDir,
        embedder,
        // A rebuild keeps the way the index made its sentence vectors (`paperchat index` chose it).
        sentenceVectors: manifest?.sentenceVectors,
        onProgress: options.onProgress,
      });
      built = !result.upToDate;
      if (built && !plan.notice) {
        options.onNotice?.(
          manifest?.model === null && embedder
            ? `paperchat: the model is available now; embedded the lexical-only index of ${describe(plan.corpusFiles)}.`
            : manifest && embedder && manifest.model !== embedder.modelId
              ? `paperchat: the index was built with model ${manifest.model}; rebuilt it with ${embedder.modelId}, as PAPERCHAT_MODEL / --model asks.`
              : `paperchat: ${describe(plan.corpusFiles)} changed since the index was built; rebuilt it.`,
        );
      }
    } else if (manifest) {
      const missing = manifest.corpus.files.filter((file) => !existsSync(file.path));
      if (missing.length > 0) {
        options.onNotice?.(
          `paperchat: serving the existing index; its corpus ${describe(missing.map((f) => f.path))} is gone, so it cannot be rebuilt or checked for changes.`,
        );
      }
    }
  }
  const store = await openStore(settings.indexDir, embedder ? { model: embedder.modelId } : {});
  if (modelError) options.onDegraded?.(modelError);
  return { engine: createSearchEngine({ store, embedder }), embedder, built };
}
