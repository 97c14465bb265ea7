import { createHash } from "node:crypto";
import { open, stat } from "node:fs/promises";
import { IndexError } from "../index-errors.ts";
import { StoreRefusedError } from "../store-errors.ts";
import type { BuildTargetOptions, IndexFacts, StoreLocation } from "../store-location.ts";
import { type BuildRecord, buildRecords } from "./build-records.ts";
import { type ClusterClient, createClusterClient } from "./cluster-client.ts";
import { createOpenSearchBuild } from "./opensearch-build.ts";
import { createOpenSearchStore } from "./opensearch-store.ts";
import { DOCUMENT_FORMAT_VERSION, papersIndexBody } from "./paper-documents.ts";

export interface OpenSearchLocationOptions {
  /** `http://localhost:9200`, or `https://user:pass@search.example.org`. */
  url: string;
  /** Names the indexes (`<prefix>-papers`, …), so that several corpora can share a cluster. */
  prefix: string;
  timeoutMs?: number;
}

/** The facts of an index, as its mapping's `_meta` keeps them. */
interface IndexMeta {
  paperchat?: Partial<IndexFacts> & { documentFormat?: number; facts?: IndexFacts };
}

/** Bytes of each corpus file that name a build, with its size (workers on other machines agree). */
const HEAD_BYTES = 1 << 20;

/** A short name for a build: what it embeds with, how many parts, and the corpus's size and head. */
async function buildKey(options: BuildTargetOptions): Promise<string> {
  const hash = createHash("sha256");
  const { encoder } = options;
  hash.update(
    JSON.stringify([
      DOCUMENT_FORMAT_VERSION,
      encoder?.modelId,
      encoder?.dtype,
      options.sentenceVectors,
      options.part?.of ?? 1,
    ]),
  );
  for (const file of options.corpusFiles) {
    const handle = await open(file);
    try {
      const head = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
      hash.update(String((await stat(file)).size)).update(head.subarray(0, bytesRead));
    } finally {
      await handle.close();
    }
  }
  return hash.digest("hex").slice(0, 12);
}

/** Whether the cluster has the k-NN plugin (a managed service's plugin list names it too). */
async function hasKnn(cluster: ClusterClient): Promise<boolean> {
  const { body } = await cluster.request<{
    nodes: Record<string, { plugins?: { name: string; classname: string }[] }>;
  }>("GET", "/_nodes/plugins");
  return Object.values(body.nodes).some((node) =>
    node.plugins?.some(
      (plugin) => plugin.name === "opensearch-knn" || plugin.classname.endsWith(".KNNPlugin"),
    ),
  );
}

/**
 * An OpenSearch (or compatible) cluster as paperchat's store: the papers of the index in force
 * behind the alias `<prefix>-papers`; a build writes `<prefix>-papers-<build>` (several workers
 * can fill it, a part each) and moves the alias once every part is in, deleting the old index.
 *
 * @example
 * const location = openSearchLocation({ url: "http://localhost:9200", prefix: "paperchat" });
 * const store = await location.open({ encoder: embedder });
 */
export function openSearchLocation(options: OpenSearchLocationOptions): StoreLocation {
  const cluster = createClusterClient({ url: options.url, timeoutMs: options.timeoutMs });
  const alias = `${options.prefix}-papers`;
  // The options a command needs to reach these indexes, for the commands messages suggest: the
  // prefix too, or the command would build the default prefix's indexes instead.
  const storeFlags = `--store ${cluster.url} --store-prefix ${options.prefix}`;
  const records = buildRecords(cluster, `${options.prefix}-builds`, storeFlags);
  const description = `${cluster.url} (index ${alias})`;
  const rebuild = `npm run index -- ${storeFlags}`;

  /** The facts of the index in force, or undefined when there is none. */
  async function inForce(): Promise<
    { index: string; facts: IndexFacts | undefined; format?: number } | undefined
  > {
    const { status, body } = await cluster.request<
      Record<string, { mappings: { _meta?: IndexMeta } }>
    >("GET", `/${alias}/_mapping`, undefined, [404]);
    if (status === 404) return undefined;
    const [index, { mappings }] = Object.entries(body)[0]!;
    const meta = mappings._meta?.paperchat;
    return { index, facts: meta?.facts, format: meta?.documentFormat };
  }

  /** Records what an index was built from, in its mapping. */
  async function writeFacts(index: string, facts: IndexFacts): Promise<void> {
    await cluster.request("PUT", `/${index}/_mapping`, {
      _meta: { paperchat: { documentFormat: DOCUMENT_FORMAT_VERSION, facts } },
    });
  }

  /** Puts the newest build under way in force (`paperchat index --publish`). */
  async function publish(): Promise<IndexFacts> {
    const build = await records.newest();
    if (!build)
      throw new Error(
        `No build under way on ${cluster.url} for ${alias}: run \`${rebuild}\` first.`,
      );
    return publishBuild(build);
  }

  /**
   * Puts `build` in force once all its parts are in: its facts, its replica, the alias; then
   * deletes the generations it replaces, never one that another build is still writing.
   */
  async function publishBuild(build: BuildRecord): Promise<IndexFacts> {
    const facts = await records.facts(build);
    const health = await cluster.request<{ number_of_data_nodes: number }>(
      "GET",
      "/_cluster/health",
    );
    const replicas = health.body.number_of_data_nodes > 1 ? 1 : 0;
    await writeFacts(build.index, facts);
    await cluster.request("PUT", `/${build.index}/_settings`, {
      index: { number_of_replicas: replicas, refresh_interval: null },
    });
    await cluster.request("POST", `/${build.index}/_refresh`);
    await cluster.request("POST", "/_aliases", {
      actions: [{ remove: { index: `${alias}-*`, alias } }, { add: { index: build.index, alias } }],
    });
    const { body } = await cluster.request<Record<string, unknown>>("GET", `/${alias}-*`);
    const kept = new Set([build.index, ...(await records.underWay())]);
    for (const old of Object.keys(body).filter((name) => !kept.has(name))) {
      await cluster.request("DELETE", `/${old}`, undefined, [404]);
    }
    await records.forget(build);
    return facts;
  }

  return {
    description,
    async stored() {
      const found = await inForce();
      if (!found) return undefined;
      if (found.format !== DOCUMENT_FORMAT_VERSION || !found.facts) {
        return { earlierFormat: found.facts?.corpus.files.map((file) => file.path) };
      }
      return { facts: found.facts };
    },
    async open({ encoder }) {
      const found = await inForce();
      if (!found?.facts) {
        throw new IndexError(
          "missing",
          `No index on ${description}. Build it with \`${rebuild}\` (or \`paperchat index ${storeFlags}\`).`,
        );
      }
      const { facts } = found;
      if (encoder && facts.model !== null && facts.model !== encoder.modelId) {
        throw new IndexError(
          "model-mismatch",
          `The index on ${description} was built with model "${facts.model}", but the configured model is "${encoder.modelId}". Vectors of different models cannot be compared: rebuild with \`${rebuild} --model ${encoder.modelId}\`, or set PAPERCHAT_MODEL="${facts.model}".`,
        );
      }
      if (
        encoder &&
        facts.model !== null &&
        (facts.dtype ?? "fp32") !== (encoder.dtype ?? "fp32")
      ) {
        throw new IndexError(
          "model-mismatch",
          `The index on ${description} was built with the ${facts.dtype ?? "fp32"} encoder of "${facts.model}", but questions would be embedded with its ${encoder.dtype ?? "fp32"} encoder. Set PAPERCHAT_DTYPE=${facts.dtype ?? "fp32"}, or rebuild with \`${rebuild} --dtype ${encoder.dtype}\`.`,
        );
      }
      const { body } = await cluster.request<{ count: number }>("GET", `/${alias}/_count`);
      return createOpenSearchStore(cluster, alias, {
        count: body.count,
        model: facts.model,
        ...(facts.model !== null ? { dtype: facts.dtype ?? "fp32" } : {}),
        dims: facts.dims,
        hasVectors: facts.model !== null,
        sentenceVectors: facts.sentenceVectors,
        builtAt: facts.builtAt,
        location: description,
      });
    },
    async beginBuild(build) {
      const { encoder } = build;
      if (encoder && !(await hasKnn(cluster))) {
        throw new StoreRefusedError(
          `The OpenSearch cluster at ${cluster.url} has no k-NN plugin (opensearch-knn), which paperchat needs for paper vectors. Install it on every node (bin/opensearch-plugin install opensearch-knn), or use a managed service that includes it.`,
        );
      }
      const part = build.part ?? { index: 1, of: 1 };
      const served = await inForce();
      const facts = served?.format === DOCUMENT_FORMAT_VERSION ? served.facts : undefined;
      // The index in force holds model work this build can reuse only when made the same way.
      const sameModelWork =
        facts !== undefined &&
        facts.model === (encoder?.modelId ?? null) &&
        (facts.dtype ?? "fp32") === (encoder?.dtype ?? "fp32") &&
        facts.dims === (encoder?.dims ?? 0) &&
        facts.sentenceVectors === build.sentenceVectors;
      // A corpus change of an index with the same model and shape is written in place.
      const inPlace = part.of === 1 && sameModelWork;
      if (inPlace) {
        return createOpenSearchBuild({
          cluster,
          index: served!.index,
          alias,
          part,
          inPlace,
          finishBuild: async (finished) => {
            const now = {
              formatVersion: DOCUMENT_FORMAT_VERSION,
              ...finished,
              builtAt: new Date().toISOString(),
            };
            await writeFacts(served!.index, now);
            return now;
          },
        });
      }
      const index = `${alias}-${await buildKey(build)}`;
      // Written without replicas and never refreshed while written: segments are cut only when
      // the cluster's indexing buffer fills, so there are fewer graphs to merge and search (100k
      // papers on 2 GB of heap: 8 segments, against 29 with a 30 s refresh). A rerun's lookup of
      // finished work refreshes it first; publishing adds the replica and the default refresh.
      const created = await cluster.request<{ error?: { type: string; reason: string } }>(
        "PUT",
        `/${index}`,
        papersIndexBody({
          dims: encoder?.dims ?? 0,
          replicas: 0,
          refreshInterval: "-1",
          meta: {},
        }),
        [400],
      );
      if (
        created.status === 400 &&
        created.body.error?.type !== "resource_already_exists_exception"
      ) {
        throw new Error(
          `OpenSearch at ${cluster.url} could not create ${index}: ${created.body.error?.reason}`,
        );
      }
      const record = { index, of: part.of, startedAt: new Date().toISOString() };
      await records.begin(record);
      return createOpenSearchBuild({
        cluster,
        index,
        ...(sameModelWork ? { alias } : {}),
        part,
        inPlace: false,
        finishBuild: async (finished) => {
          await records.markPart(index, part.index, finished);
          // A whole build puts itself in force, whichever other build started later.
          if (part.of === 1) return publishBuild(record);
          // One part of several: in force once `paperchat index --publish` finds every part in.
          return {
            formatVersion: DOCUMENT_FORMAT_VERSION,
            ...finished,
            builtAt: new Date().toISOString(),
          };
        },
      });
    },
    publish,
  };
}
