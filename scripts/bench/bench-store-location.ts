import { embeddedLocation } from "../../src/store/embedded/embedded-location.ts";
import { openSearchLocation } from "../../src/store/opensearch/opensearch-location.ts";
import type { StoreLocation } from "../../src/store/store-location.ts";

/** The index name prefix of the benches' OpenSearch builds. */
export const BENCH_STORE_PREFIX = "bench";

/**
 * An OpenSearch cluster for an `http(s)://` URL (indexes `bench-papers…`), else a folder.
 *
 * @example
 * const location = benchStoreLocation("http://127.0.0.1:9300");
 */
export function benchStoreLocation(where: string): StoreLocation {
  return /^https?:\/\//.test(where)
    ? openSearchLocation({ url: where, prefix: BENCH_STORE_PREFIX })
    : embeddedLocation(where);
}
