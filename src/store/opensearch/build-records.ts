import type { BuildFacts, IndexFacts } from "../store-location.ts";
import type { ClusterClient } from "./cluster-client.ts";
import { DOCUMENT_FORMAT_VERSION } from "./paper-documents.ts";

/** More builds under way at once than any prefix will see (they are read in one request). */
const MAX_BUILDS_UNDER_WAY = 1_000;

/** A build under way in a cluster: the index its workers fill, and how many parts it has. */
export interface BuildRecord {
  index: string;
  of: number;
  startedAt: string;
}

/** What one worker recorded when its part was in. */
interface PartRecord {
  index: string;
  part: number;
  facts: BuildFacts;
}

/** The builds and finished parts of one prefix's indexes, kept in a small index of their own. */
export interface BuildRecords {
  /** Records a build (once: a rerun of a worker keeps the first record). */
  begin(record: BuildRecord): Promise<void>;
  markPart(index: string, part: number, facts: BuildFacts): Promise<void>;
  /** The newest build not yet published, if any. */
  newest(): Promise<BuildRecord | undefined>;
  /** The indexes of every build not yet published: their workers may still be writing them. */
  underWay(): Promise<string[]>;
  /**
   * The facts of a whole build from its parts' records: the sum of their counts. Throws, naming
   * the parts still missing, while any is.
   */
  facts(build: BuildRecord): Promise<IndexFacts>;
  /** Forgets a build once it is in force (or replaced). */
  forget(build: BuildRecord): Promise<void>;
}

/**
 * Build records in the index `<prefix>-builds`: a document per build and one per finished part,
 * so that workers on different machines, and the command that publishes, agree on what is in.
 *
 * `storeFlags` are the options that reach these indexes (`--store URL --store-prefix NAME`),
 * for the commands a message tells a person to run.
 *
 * @example
 * const records = buildRecords(cluster, "paperchat-builds", "--store http://localhost:9200 --store-prefix paperchat");
 * await records.markPart("paperchat-papers-1a2b", 2, facts);
 */
export function buildRecords(
  cluster: ClusterClient,
  recordsIndex: string,
  storeFlags: string,
): BuildRecords {
  const put = (id: string, doc: object, create = false) =>
    cluster.request(
      "PUT",
      `/${recordsIndex}/_doc/${encodeURIComponent(id)}?refresh=true${create ? "&op_type=create" : ""}`,
      doc,
      create ? [409] : [],
    );
  const mapping = {
    settings: { index: { number_of_shards: 1, auto_expand_replicas: "0-1" } },
    mappings: {
      dynamic: "strict",
      properties: {
        kind: { type: "keyword" },
        index: { type: "keyword" },
        of: { type: "integer" },
        part: { type: "integer" },
        startedAt: { type: "date" },
        facts: { type: "keyword", index: false, doc_values: false },
      },
    },
  };
  /** The builds not yet published, newest first. */
  const builds = async (size: number) => {
    const { body } = await cluster.request<{ hits: { hits: { _source: BuildRecord }[] } }>(
      "POST",
      `/${recordsIndex}/_search?ignore_unavailable=true`,
      { size, query: { term: { kind: "build" } }, sort: [{ startedAt: "desc" }] },
      [404],
    );
    return (body.hits?.hits ?? []).map(({ _source }) => _source);
  };
  return {
    async begin(record) {
      await cluster.request("PUT", `/${recordsIndex}`, mapping, [400]);
      await put(record.index, { kind: "build", ...record }, true);
    },
    async markPart(index, part, facts) {
      await put(`${index}:${part}`, { kind: "part", index, part, facts: JSON.stringify(facts) });
    },
    async newest() {
      return (await builds(1))[0];
    },
    async underWay() {
      return (await builds(MAX_BUILDS_UNDER_WAY)).map(({ index }) => index);
    },
    async facts(build) {
      const { body } = await cluster.request<{
        hits: { hits: { _source: PartRecord & { facts: string } }[] };
      }>("POST", `/${recordsIndex}/_search`, {
        size: build.of,
        query: { bool: { filter: [{ term: { kind: "part" } }, { term: { index: build.index } }] } },
      });
      const parts = new Map(
        body.hits.hits.map(({ _source }) => [
          _source.part,
          JSON.parse(_source.facts) as BuildFacts,
        ]),
      );
      const missing = Array.from({ length: build.of }, (_, i) => i + 1).filter(
        (i) => !parts.has(i),
      );
      if (missing.length > 0) {
        const named = missing.map((i) => `${i}/${build.of}`).join(", ");
        throw new Error(
          `The build ${build.index} on ${cluster.url} is not complete: part${missing.length > 1 ? "s" : ""} ${named} ${missing.length > 1 ? "are" : "is"} not in yet. Run \`paperchat index ${storeFlags} --part ${missing[0]}/${build.of}\` (on any machine with the corpus) for each, then publish again. The index in force is unchanged.`,
        );
      }
      const all = [...parts.values()];
      const first = all[0]!;
      const sum = (key: "papers" | "sentences" | "truncated") =>
        all.reduce((total, facts) => total + facts.counts[key], 0);
      return {
        formatVersion: DOCUMENT_FORMAT_VERSION,
        ...first,
        // Every worker reads the whole corpus, so each counted the same duplicates.
        counts: {
          papers: sum("papers"),
          sentences: sum("sentences"),
          truncated: sum("truncated"),
          duplicates: first.counts.duplicates,
        },
        builtAt: new Date().toISOString(),
      };
    },
    async forget(build) {
      // By id, not _delete_by_query: that comes with the reindex module, which a cluster may lack.
      const parts = Array.from({ length: build.of }, (_, i) => `${build.index}:${i + 1}`);
      const lines = [build.index, ...parts].map((id) =>
        JSON.stringify({ delete: { _index: recordsIndex, _id: id } }),
      );
      await cluster.request("POST", "/_bulk?refresh=true", { ndjson: `${lines.join("\n")}\n` });
    },
  };
}
