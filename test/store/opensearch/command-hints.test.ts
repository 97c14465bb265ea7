import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { buildRecords } from "../../../src/store/opensearch/build-records.ts";
import type { ClusterClient } from "../../../src/store/opensearch/cluster-client.ts";
import { openSearchLocation } from "../../../src/store/opensearch/opensearch-location.ts";

/** A cluster whose searches find nothing: no build has recorded a part. */
const emptyCluster: ClusterClient = {
  url: "http://cluster.test:9200",
  request: async <Body>() => ({ status: 200, body: { hits: { hits: [] } } as Body }),
};

describe("the commands OpenSearch store messages suggest", () => {
  it("name the store prefix, so that following them reaches the same indexes", async () => {
    // A cluster without the alias: GET /<prefix>-papers/_mapping is a 404.
    const cluster = createServer((_request, response) => {
      response.writeHead(404, { "content-type": "application/json" });
      response.end('{"error":{"type":"index_not_found_exception","reason":"no such index"}}');
    });
    await new Promise<void>((resolve) => cluster.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(cluster.address() as AddressInfo).port}`;
    try {
      const location = openSearchLocation({ url, prefix: "arxiv-2026" });
      await expect(location.open({})).rejects.toThrow(
        `\`npm run index -- --store ${url} --store-prefix arxiv-2026\``,
      );
    } finally {
      cluster.closeAllConnections();
      await new Promise((resolve) => cluster.close(resolve));
    }
  });

  it("name the prefix in the command that writes a missing part", async () => {
    const records = buildRecords(
      emptyCluster,
      "arxiv-2026-builds",
      "--store http://cluster.test:9200 --store-prefix arxiv-2026",
    );
    await expect(
      records.facts({ index: "arxiv-2026-papers-1a2b", of: 2, startedAt: "2026-12-02T00:00:00Z" }),
    ).rejects.toThrow(
      "parts 1/2, 2/2 are not in yet. Run `paperchat index --store http://cluster.test:9200 --store-prefix arxiv-2026 --part 1/2`",
    );
  });
});
