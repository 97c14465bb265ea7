import { randomBytes } from "node:crypto";
import { createClusterClient } from "../../src/store/opensearch/cluster-client.ts";

/** How to give the OpenSearch tests a cluster, for the skip message and CI's failure. */
const HOW_TO =
  "set OPENSEARCH_URL to a running cluster with the k-NN plugin, for example: OPENSEARCH_URL=$(bash scripts/opensearch/cluster.sh start --cluster paperchat-dev) (and `cluster.sh stop --cluster paperchat-dev` afterwards); .ci/run does this";

/**
 * The cluster the OpenSearch-store tests run against (`OPENSEARCH_URL`). Without one they skip
 * with a message saying how to run them, except under `CI=true`, where it throws: CI starts a
 * cluster, so a missing one is a broken run, not a skipped test.
 *
 * @example
 * const url = openSearchUrl("the store conformance suite");
 * describe.runIf(url)("against OpenSearch", () => { … });
 */
export function openSearchUrl(what: string): string | undefined {
  const url = process.env.OPENSEARCH_URL || undefined;
  if (url) return url;
  if (process.env.CI === "true") {
    throw new Error(`OPENSEARCH_URL is not set, so ${what} cannot run: ${HOW_TO}.`);
  }
  console.warn(`Skipping ${what}: ${HOW_TO}.`);
  return undefined;
}

/**
 * A `--store-prefix` no other test or run uses, so that tests share a cluster without meeting.
 *
 * @example
 * freshStorePrefix("conformance"); // "t-conformance-3f9a1c2b"
 */
export function freshStorePrefix(name: string): string {
  return `t-${name}-${randomBytes(4).toString("hex")}`;
}

/**
 * Deletes every index a prefix named (the papers' generations and the build records).
 *
 * @example
 * afterAll(() => deleteStorePrefix(url, prefix));
 */
export async function deleteStorePrefix(url: string, prefix: string): Promise<void> {
  const cluster = createClusterClient({ url });
  const { body } = await cluster.request<{ index: string }[]>(
    "GET",
    `/_cat/indices/${prefix}-*?format=json&h=index`,
  );
  for (const { index } of body) await cluster.request("DELETE", `/${index}`, undefined, [404]);
}
