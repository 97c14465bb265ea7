import { readCorpus } from "../../../../src/corpus/read-corpus.ts";
import type { Paper } from "../../../../src/corpus/types.ts";
import type { Embedder } from "../../../../src/embed/types.ts";
import { buildIndex } from "../../../../src/indexing/build-index.ts";
import { embeddedLocation } from "../../../../src/store/embedded/embedded-location.ts";
import { openSearchLocation } from "../../../../src/store/opensearch/opensearch-location.ts";
import type { PaperStore } from "../../../../src/store/paper-store.ts";
import { writeArxivCorpus } from "../../../support/arxiv-corpus.ts";
import { loadTinyEmbedder, tempDir } from "../../../support/tiny-index.ts";

/** A store under test, by the name the tests print. */
export interface NamedStore {
  name: "embedded" | "opensearch";
  store: PaperStore;
}

/** The same corpus built into both stores, and the corpus as read (what exact scans scan). */
export interface BothStores {
  corpus: Paper[];
  embedder: Embedder;
  stores: [NamedStore, NamedStore];
  close(): Promise<void>;
}

/**
 * Builds one arXiv-style corpus (years, categories, authors) with the tiny model into the
 * embedded store and into an OpenSearch cluster under `prefix`, each through `buildIndex` and
 * its `StoreLocation` (the path `paperchat index` takes), and opens both.
 *
 * @example
 * const both = await buildBothStores(process.env.OPENSEARCH_URL!, freshStorePrefix("conf"));
 */
export async function buildBothStores(url: string, prefix: string): Promise<BothStores> {
  const { file } = await writeArxivCorpus(tempDir("paperchat-conformance-"));
  const embedder = await loadTinyEmbedder();
  const embedded = embeddedLocation(tempDir("paperchat-conformance-index-"));
  const opensearch = openSearchLocation({ url, prefix });
  for (const store of [embedded, opensearch]) {
    await buildIndex({ corpusFiles: [file], store, embedder });
  }
  const stores: [NamedStore, NamedStore] = [
    { name: "embedded", store: await embedded.open({ encoder: embedder }) },
    { name: "opensearch", store: await opensearch.open({ encoder: embedder }) },
  ];
  const { papers } = await readCorpus(file);
  return {
    corpus: papers,
    embedder,
    stores,
    close: async () => {
      for (const { store } of stores) await store.close();
    },
  };
}
