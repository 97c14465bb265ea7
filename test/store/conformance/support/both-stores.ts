import { readCorpus } from "../../../../src/corpus/read-corpus.ts";
import type { Paper } from "../../../../src/corpus/types.ts";
import type { Embedder } from "../../../../src/embed/types.ts";
import type { PaperStore } from "../../../../src/store/paper-store.ts";
import { loadTinyEmbedder, tempDir } from "../../../support/tiny-index.ts";
import { buildTinyStore } from "../../../support/tiny-store.ts";
import { writeRecombinedCorpus } from "./recombined-corpus.ts";

/** Papers of the conformance corpus: enough that HNSW graphs are searched, not scanned. */
export const CONFORMANCE_PAPERS = 2000;

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
  /** Closes both stores and deletes what they wrote. */
  remove(): Promise<void>;
}

/**
 * Builds one corpus (see {@link writeRecombinedCorpus}) with the tiny model into the
 * embedded store and into the OpenSearch cluster at `url` (under a fresh prefix), each through
 * `buildIndex` and its `StoreLocation` (the path `paperchat index` takes), and opens both.
 *
 * @example
 * const both = await buildBothStores(process.env.OPENSEARCH_URL!);
 */
export async function buildBothStores(url: string): Promise<BothStores> {
  const file = await writeRecombinedCorpus(tempDir("paperchat-conformance-"), CONFORMANCE_PAPERS);
  const embedder = await loadTinyEmbedder();
  const embedded = await buildTinyStore({ kind: "embedded" }, [file], embedder);
  const opensearch = await buildTinyStore({ kind: "opensearch", url }, [file], embedder);
  return {
    corpus: (await readCorpus(file)).papers,
    embedder,
    stores: [
      { name: "embedded", store: embedded.store },
      { name: "opensearch", store: opensearch.store },
    ],
    remove: async () => {
      await embedded.remove();
      await opensearch.remove();
    },
  };
}
