import type { PaperRecord } from "../paper-record.ts";
import { createSeenPapersOnDisk } from "../seen-papers-on-disk.ts";
import { StoreRefusedError, StoreUnavailableError } from "../store-errors.ts";
import type {
  BuildFacts,
  BuildTarget,
  CachedEmbedding,
  CorpusPart,
  IndexFacts,
} from "../store-location.ts";
import { type ClusterClient, clusterFailure, reasonOf } from "./cluster-client.ts";
import { cachedEmbeddingOf, type PaperDocument, paperDocument } from "./paper-documents.ts";

/** Where a build writes, and what it records once its part is in. */
export interface OpenSearchBuildOptions {
  cluster: ClusterClient;
  /** The new index this build (all its parts) writes. */
  index: string;
  /**
   * The alias of the index in force when its documents hold finished model work this build can
   * use (the same model, encoder and sentence vectors); absent otherwise: another model's
   * vectors are not this one's, however equal the texts.
   */
  alias?: string;
  part: CorpusPart;
  /**
   * Writing into the index in force (a corpus change): papers whose document would not change
   * are not rewritten, and `finish` removes the papers the corpus no longer has.
   */
  inPlace: boolean;
  /** What `finish` does once every paper is written: record the part, or put the index in force. */
  finishBuild: (facts: BuildFacts) => Promise<IndexFacts>;
}

/** Documents sent to the cluster in one `_bulk` request (500–1,000 measured best). */
const BULK_DOCUMENTS = 500;
/**
 * `_bulk` requests in flight at once: the cluster indexes one batch while this process prepares
 * and sends the next (one at a time left a core idle: the bench's opensearch section).
 */
const BULKS_IN_FLIGHT = 2;
/** Hashes asked of the cluster in one search. */
const HASHES_PER_QUERY = 1024;

interface BulkReply {
  errors: boolean;
  items: Record<
    string,
    { _id: string; status: number; error?: { type: string; reason: string } }
  >[];
}

/**
 * A build into an OpenSearch index: documents are written by `_bulk` as papers are added (each
 * under its paper id, so a rerun rewrites rather than duplicates), finished model work is read
 * back from the documents of the index in force and of this build (so a killed worker, rerun,
 * embeds only what it had not written), and `finish` hands over to `finishBuild`. In place, only
 * papers that changed are rewritten, and those the corpus lost are deleted at the end.
 *
 * @example
 * const build = createOpenSearchBuild({ cluster, index, alias, part, inPlace: false, finishBuild });
 */
export function createOpenSearchBuild(options: OpenSearchBuildOptions): BuildTarget {
  const { cluster, index, alias, part } = options;
  const seen = createSeenPapersOnDisk();
  let pending: PaperDocument[] = [];
  /** The `_bulk` requests sent and not yet answered, oldest first. */
  const inFlight: Promise<void>[] = [];
  let written = 0;
  let refreshed: Promise<unknown> | undefined;

  /**
   * The documents of a batch that differ from what the index holds (all of them, for a new
   * index): another text, metadata or sentence data, or another row (papers removed or added
   * before it moved it, and `list` pages by row).
   */
  async function changed(docs: PaperDocument[]): Promise<PaperDocument[]> {
    if (!options.inPlace) return docs;
    const { body } = await cluster.request<{
      docs: { _id: string; _source?: { doc_hash: string; row: number } }[];
    }>("POST", `/${index}/_mget?_source_includes=doc_hash,row`, {
      ids: docs.map((doc) => doc.id),
    });
    const held = new Map(body.docs.map((doc) => [doc._id, doc._source]));
    return docs.filter((doc) => {
      const source = held.get(doc.id);
      return source?.doc_hash !== doc.doc_hash || source.row !== doc.row;
    });
  }

  /** Deletes the papers of the index that this build did not add: they left the corpus. */
  async function removeUnseen(): Promise<void> {
    let after: unknown[] | undefined;
    for (;;) {
      const { body } = await cluster.request<{
        hits: { hits: { _id: string; sort: unknown[] }[] };
      }>("POST", `/${index}/_search`, {
        size: 5000,
        _source: false,
        sort: [{ id: "asc" }],
        ...(after ? { search_after: after } : {}),
      });
      const hits = body.hits.hits;
      if (hits.length === 0) return;
      const gone = hits.filter((hit) => !seen.has(`id:${hit._id}`));
      if (gone.length > 0) {
        const lines = gone.map((hit) =>
          JSON.stringify({ delete: { _index: index, _id: hit._id } }),
        );
        await cluster.request("POST", "/_bulk", { ndjson: `${lines.join("\n")}\n` });
      }
      after = hits.at(-1)!.sort;
    }
  }

  /** Writes `batch` (what of it changed), throwing the error that says what to do on a refusal. */
  async function write(batch: PaperDocument[]): Promise<void> {
    const docs = await changed(batch);
    if (docs.length === 0) return;
    const lines = docs.flatMap((doc) => [
      JSON.stringify({ index: { _index: index, _id: doc.id } }),
      JSON.stringify(doc),
    ]);
    const { body } = await cluster.request<BulkReply>("POST", "/_bulk", {
      ndjson: `${lines.join("\n")}\n`,
    });
    if (!body.errors) return;
    const failed = body.items.flatMap((item) => Object.values(item)).filter((r) => r.error);
    const first = failed[0]!;
    // A read-only (full) disk, refused credentials, a full queue: the error that says what to do.
    const known = clusterFailure(cluster.url, "POST /_bulk", first.status, { error: first.error });
    if (known instanceof StoreRefusedError || known instanceof StoreUnavailableError) throw known;
    throw new Error(
      `OpenSearch at ${cluster.url} refused ${failed.length} of ${docs.length} papers written to ${index} (${first.status} ${first.error!.type}: ${reasonOf(first.error)}; paper ${first._id}).`,
    );
  }

  /** Sends the pending papers, waiting only while `BULKS_IN_FLIGHT` requests are unanswered. */
  async function flush(): Promise<void> {
    if (pending.length === 0) return;
    const sent = write(pending);
    pending = [];
    // Its failure is thrown where it is awaited (below, or by `drain`), not left unhandled.
    sent.catch(() => undefined);
    inFlight.push(sent);
    while (inFlight.length >= BULKS_IN_FLIGHT) await inFlight.shift();
  }

  /** Waits for every `_bulk` sent; the first failure among them is thrown. */
  async function drain(): Promise<void> {
    while (inFlight.length > 0) await inFlight.shift();
  }

  return {
    seen,
    get papers() {
      return written;
    },
    async cached(hashes) {
      // A build index refreshes rarely (30 s): what an earlier run of this build wrote before it
      // was killed is searchable only once refreshed, and a rerun must find it, not embed it again.
      refreshed ??= cluster.request("POST", `/${index}/_refresh`);
      await refreshed;
      const found = new Map<string, CachedEmbedding>();
      for (let at = 0; at < hashes.length; at += HASHES_PER_QUERY) {
        const asked = hashes.slice(at, at + HASHES_PER_QUERY);
        const { body } = await cluster.request<{ hits: { hits: { _source: PaperDocument }[] } }>(
          "POST",
          `/${alias ? `${alias},` : ""}${index}/_search?ignore_unavailable=true`,
          {
            size: 2 * asked.length,
            _source: ["content_hash", "vector", "sentence_vectors"],
            query: { bool: { filter: [{ terms: { content_hash: asked } }] } },
          },
        );
        for (const { _source } of body.hits.hits) {
          const embedding = cachedEmbeddingOf(_source);
          if (embedding) found.set(embedding.hash, embedding);
        }
      }
      return found;
    },
    // The documents are the cache: model work is kept when its paper is written.
    remember: async () => {},
    async add(row: number, record: PaperRecord, embedding?: CachedEmbedding) {
      pending.push(paperDocument({ row, part: part.index, record, embedding }));
      written += 1;
      if (pending.length >= BULK_DOCUMENTS) await flush();
    },
    async finish(facts) {
      await flush();
      await drain();
      if (options.inPlace) await removeUnseen();
      await cluster.request("POST", `/${index}/_refresh`);
      seen.close();
      return options.finishBuild(facts);
    },
    async abandon() {
      // What was written stays: a rerun of this build finds it and does not redo it.
      await drain().catch(() => undefined);
      seen.close();
    },
  };
}
