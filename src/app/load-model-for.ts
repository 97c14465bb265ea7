import { loadEmbedder } from "../embed/load-embedder.ts";
import { MODEL_DTYPES, type ModelDtype } from "../embed/model-source.ts";
import type { Embedder } from "../embed/types.ts";
import type { Settings } from "../settings/settings.ts";
import { StoreUnavailableError } from "../store/store-errors.ts";
import type { StoreLocation } from "../store/store-location.ts";

export interface LoadModelForOptions {
  /**
   * Whether the command goes on to open the store (default). Then a store that cannot be
   * reached (a cluster down or silent) fails here, once, rather than after a second wait when
   * the store is opened; otherwise (`paperchat embed`) the default encoder is used.
   */
  opensStore?: boolean;
}

/** The encoder the index in force was built with, when one was (a model, a known dtype). */
async function indexDtype(
  location: StoreLocation,
  opensStore: boolean,
): Promise<ModelDtype | undefined> {
  // A store that cannot say for another reason leaves the choice to the default; opening it
  // later refuses another encoder's index with the setting to use.
  const stored = await location.stored().catch((error) => {
    if (opensStore && error instanceof StoreUnavailableError) throw error;
    return undefined;
  });
  if (!stored || !("facts" in stored) || stored.facts.model === null) return undefined;
  const dtype = (stored.facts.dtype ?? "fp32") as ModelDtype;
  return MODEL_DTYPES.includes(dtype) ? dtype : undefined;
}

/**
 * Loads the model the settings name, with the encoder they ask for (`--dtype`), or else the one
 * the index in `location` was built with, so that an existing index keeps its encoder and is not
 * rebuilt; with neither, the int8 encoder when the model has one (see {@link loadEmbedder}).
 * Throws `ModelUnavailableError` as `loadEmbedder` does, and `StoreUnavailableError` when the
 * store cannot be reached and `opensStore` (the default).
 *
 * @example
 * const embedder = await loadModelFor(settings, storeLocationFor(settings));
 */
export async function loadModelFor(
  settings: Settings,
  location: StoreLocation,
  options: LoadModelForOptions = {},
): Promise<Embedder> {
  if (settings.dtype) return loadEmbedder(settings);
  const preferredDtype = await indexDtype(location, options.opensStore ?? true);
  return loadEmbedder({ ...settings, preferredDtype });
}
