import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SearchResponseSchema } from "../../src/contract/search-response.ts";
import { type PaperchatProcess, spawnPaperchat } from "../reliability/support/paperchat-process.ts";
import { deleteStorePrefix, freshStorePrefix, openSearchUrl } from "../support/opensearch-url.ts";
import { buildRealIndex, hasRealModel } from "./support/real-model.ts";

const DEV_SET: { q: string; title: string }[] = readFileSync(
  resolve(import.meta.dirname, "../fixtures/dev-queries.jsonl"),
  "utf8",
)
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line));

const ready = hasRealModel("the real-model dev set on the OpenSearch store");
const cluster = ready ? openSearchUrl("the real-model dev set on the OpenSearch store") : undefined;

/** `paperchat serve` on an index, and the URL it serves at. */
async function serve(
  env: Record<string, string>,
): Promise<{ server: PaperchatProcess; url: string }> {
  const server = spawnPaperchat(["serve", "--port", "0", "--host", "127.0.0.1"], env);
  const serving = await server.line(/serving .* at http:\/\/\S+/);
  expect(serving).toContain("semantic search on");
  return { server, url: /at (http:\/\/\S+)/.exec(serving)![1]! };
}

/** Ranks (0-based, -1 when absent from the top 5) of each dev question's paper. */
async function devRanks(url: string): Promise<number[]> {
  const ranks: number[] = [];
  for (const { q, title } of DEV_SET) {
    const response = await fetch(`${url}/api/search?${new URLSearchParams({ q, k: "5" })}`);
    expect(response.status).toBe(200);
    const { results } = SearchResponseSchema.parse(await response.json());
    ranks.push(results.findIndex((result) => result.title === title));
  }
  return ranks;
}

describe.runIf(cluster)(
  "the dev set with the real all-MiniLM-L6-v2 on the OpenSearch store",
  () => {
    const prefix = freshStorePrefix("real");
    const servers: PaperchatProcess[] = [];
    let embeddedUrl: string;
    let openSearchServed: string;

    beforeAll(async () => {
      // Both built by `paperchat index` from the bundled corpus: a folder, and the cluster.
      const embedded = await serve(await buildRealIndex());
      const clustered = await serve(
        await buildRealIndex([], { PAPERCHAT_STORE: cluster!, PAPERCHAT_STORE_PREFIX: prefix }),
      );
      servers.push(embedded.server, clustered.server);
      embeddedUrl = embedded.url;
      openSearchServed = clustered.url;
    }, 600_000);

    afterAll(async () => {
      for (const server of servers) {
        server.child.kill("SIGTERM");
        await server.ended;
      }
      await deleteStorePrefix(cluster!, prefix);
    });

    it("finds the dev-set paper in the top 5 for no fewer questions than the embedded store", async () => {
      const [embedded, opensearch] = [
        await devRanks(embeddedUrl),
        await devRanks(openSearchServed),
      ];
      const hitsAt5 = (ranks: number[]) => ranks.filter((rank) => rank >= 0).length;
      const hitsAt1 = (ranks: number[]) => ranks.filter((rank) => rank === 0).length;
      console.log(
        `real model dev set, hits@1 / hits@5 of ${DEV_SET.length}: embedded ${hitsAt1(embedded)} / ${hitsAt5(embedded)}, OpenSearch ${hitsAt1(opensearch)} / ${hitsAt5(opensearch)} (ranks ${opensearch})`,
      );
      expect(hitsAt5(embedded)).toBeGreaterThan(0);
      expect(hitsAt5(opensearch)).toBeGreaterThanOrEqual(hitsAt5(embedded));
    });
  },
);
