import { IndexError } from "../index-errors.ts";
import type { StoreLocation } from "../store-location.ts";
import { beginEmbeddedBuild } from "./embedded-build.ts";
import type { HnswParams } from "./manifest.ts";
import { earlierFormatCorpus, readManifest } from "./manifest-file.ts";
import { openEmbeddedStore } from "./open-embedded-store.ts";

/**
 * The embedded store in a folder (`index/` by default): SQLite, FTS5 and an HNSW graph on disk.
 *
 * @example
 * const location = embeddedLocation("index");
 * const store = await location.open({ encoder: embedder });
 */
export function embeddedLocation(
  indexDir: string,
  options: { hnsw?: HnswParams } = {},
): StoreLocation {
  return {
    description: indexDir,
    async stored() {
      try {
        return { facts: await readManifest(indexDir) };
      } catch (error) {
        if (!(error instanceof IndexError)) throw error;
        if (error.code === "missing") return undefined;
        if (error.code === "format-mismatch") {
          return { earlierFormat: await earlierFormatCorpus(indexDir) };
        }
        throw error;
      }
    },
    beginBuild: (build) => beginEmbeddedBuild({ ...build, indexDir, hnsw: options.hnsw }),
    open: ({ encoder }) => openEmbeddedStore(indexDir, { encoder }),
  };
}
