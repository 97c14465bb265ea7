import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClusterClient } from "../../../src/store/opensearch/cluster-client.ts";
import { StoreUnavailableError } from "../../../src/store/store-errors.ts";

describe("cluster client timeouts", () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // Answers its headers at once, then the body only after 5 s (a cluster stalling mid-reply).
    server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"took":');
      const timer = setTimeout(() => response.end("1}"), 5000);
      response.on("close", () => clearTimeout(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("says which request timed out when the body stalls after the headers", async () => {
    const client = createClusterClient({ url, timeoutMs: 300 });
    const reply = client.request("POST", "/bench-papers/_search?size=10", {});
    await expect(reply).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(reply).rejects.toThrow(
      `The OpenSearch cluster at ${url} did not answer POST /bench-papers/_search within 0.3 s`,
    );
  });
});
