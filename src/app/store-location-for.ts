import type { Settings } from "../settings/settings.ts";
import { embeddedLocation } from "../store/embedded/embedded-location.ts";
import { openSearchLocation } from "../store/opensearch/opensearch-location.ts";
import type { StoreLocation } from "../store/store-location.ts";

/**
 * The store the settings name: an OpenSearch cluster (`PAPERCHAT_STORE` / `--store`), or the
 * embedded store in `PAPERCHAT_INDEX_DIR` (default `index/`).
 *
 * @example
 * const location = storeLocationFor(resolveSettings(process.env));
 */
export function storeLocationFor(settings: Settings): StoreLocation {
  return settings.store
    ? openSearchLocation({
        url: settings.store,
        prefix: settings.storePrefix,
        ...(settings.storeTimeoutMs ? { timeoutMs: settings.storeTimeoutMs } : {}),
      })
    : embeddedLocation(settings.indexDir);
}
