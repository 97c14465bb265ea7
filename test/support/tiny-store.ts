import { rmSync } from "node:fs";
import type { Embedder } from "../../src/embed/types.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";
import { embeddedLocation } from "../../src/store/embedded/embedded-location.ts";
import { openSearchLocation } from "../../src/store/opensearch/opensearch-location.ts";
import type { PaperStore } from "../../src/store/paper-store.ts";
import type { StoreLocation } from "../../src/store/store-location.ts";
import { deleteStorePrefix, freshStorePrefix } from "./opensearch-url.ts";
import { BUNDLED_CORPUS, loadTinyEmbedder, tempDir } from "./tiny-index.ts";

/** Which store a test builds its index in: a fresh folder, or a fresh prefix in a cluster. */
export type StoreTarget = { kind: "embedded" } | { kind: "opensearch"; url: string };

/** A store built and opened for a test, and how to remove what it wrote. */
export interface TinyStore {
  store: PaperStore;
  /** Where it lives: build it again (a changed corpus), open it again. */
  location: StoreLocation;
  embedder: Embedder;
  /** Closes the store and deletes its folder or its indexes. */
  remove(): Promise<void>;
}

/**
 * Builds a real index of `corpusFiles` with the tiny model in the store `target` names,
 * through `buildIndex` and the store's `StoreLocation` (what `paperchat index` does), and
 * opens it.
 *
 * @example
 * const { store, embedder, remove } = await buildTinyStore({ kind: "opensearch", url });
 */
export async function buildTinyStore(
  target: StoreTarget,
  corpusFiles: string[] = [BUNDLED_CORPUS],
  embedder?: Embedder,
): Promise<TinyStore> {
  const encoder = embedder ?? (await loadTinyEmbedder());
  let location: StoreLocation;
  let wipe: () => Promise<void>;
  if (target.kind === "embedded") {
    const dir = tempDir("paperchat-index-");
    location = embeddedLocation(dir);
    wipe = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const prefix = freshStorePrefix("tiny");
    location = openSearchLocation({ url: target.url, prefix });
    wipe = () => deleteStorePrefix(target.url, prefix);
  }
  try {
    await buildIndex({ corpusFiles, store: location, embedder: encoder });
    const store = await location.open({ encoder });
    return {
      store,
      location,
      embedder: encoder,
      remove: async () => {
        await store.close();
        await wipe();
      },
    };
  } catch (error) {
    await wipe();
    throw error;
  }
}
