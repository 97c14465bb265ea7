import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
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

describe("cluster client timeouts while this thread is busy", () => {
  let worker: Worker;
  let url: string;

  beforeAll(async () => {
    // A cluster on another thread that answers after 50 ms, whatever this thread is doing.
    worker = new Worker(
      `const { createServer } = require("node:http");
       const { parentPort } = require("node:worker_threads");
       const server = createServer((_request, response) => setTimeout(() => {
         response.writeHead(200, { "content-type": "application/json" });
         response.end('{"took":1}');
       }, 50));
       server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));`,
      { eval: true },
    );
    const port = await new Promise<number>((resolve) => worker.once("message", resolve));
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(() => worker.terminate());

  it("reads an answer that arrived while a synchronous pass held the thread past the timeout", async () => {
    const client = createClusterClient({ url, timeoutMs: 300 });
    const reply = client.request<{ took: number }>("POST", "/papers/_search", {});
    // A model pass in a build: the thread is busy for longer than the whole timeout.
    const busyUntil = performance.now() + 900;
    while (performance.now() < busyUntil) {}
    await expect(reply).resolves.toMatchObject({ status: 200, body: { took: 1 } });
  });
});

describe("cluster client connections", () => {
  let server: Server;
  let url: string;
  /** Requests the server saw, by the connection (1, 2, …) each came on. */
  let seen: number[];
  /** Whether the server drops a connection on its second request instead of answering. */
  let dropReused: boolean;

  beforeAll(async () => {
    let connections = 0;
    server = createServer((request, response) => {
      const socket = request.socket as typeof request.socket & { number?: number; asked?: number };
      socket.number ??= ++connections;
      socket.asked = (socket.asked ?? 0) + 1;
      seen.push(socket.number);
      // A connection the cluster dropped while the client kept it for its next request.
      if (socket.asked > 1 && dropReused) return socket.destroy();
      response.writeHead(200, { "content-type": "application/json" });
      response.end(`{"connection":${socket.number}}`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    seen = [];
    dropReused = false;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("keeps one connection for requests one after the other", async () => {
    const client = createClusterClient({ url });
    for (let i = 0; i < 3; i++) await client.request("GET", "/");
    expect(new Set(seen).size).toBe(1);
    expect(seen).toHaveLength(3);
  });

  it("sends a request again, on a new connection, when the kept one was dropped before any answer", async () => {
    const client = createClusterClient({ url });
    dropReused = true;
    const first = await client.request<{ connection: number }>("GET", "/");
    const second = await client.request<{ connection: number }>("GET", "/");
    expect(second.body.connection).not.toBe(first.body.connection);
    expect(seen).toEqual([first.body.connection, first.body.connection, second.body.connection]);
  });
});

describe("cluster client over https", () => {
  let server: HttpsServer;
  let url: string;
  let authorization: string | undefined;

  beforeAll(async () => {
    const tls = resolve(import.meta.dirname, "../../fixtures/tls");
    server = createHttpsServer(
      { cert: readFileSync(join(tls, "cert.pem")), key: readFileSync(join(tls, "key.pem")) },
      (request, response) => {
        authorization = request.headers.authorization;
        response.writeHead(200, { "content-type": "application/json" });
        response.end('{"status":"green"}');
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("speaks TLS and refuses a certificate nobody vouches for, saying so", async () => {
    const client = createClusterClient({ url: url.replace("https://", "https://user:pass@") });
    const reply = client.request("GET", "/_cluster/health");
    await expect(reply).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(reply).rejects.toThrow(/self-signed certificate/);
  });

  it("sends the URL's credentials as a Basic header", async () => {
    const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    // As NODE_EXTRA_CA_CERTS would for a cluster's own CA; only this process's test connections.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
    try {
      const client = createClusterClient({ url: url.replace("https://", "https://user:p%40ss@") });
      const reply = await client.request<{ status: string }>("GET", "/_cluster/health");
      expect(reply).toEqual({ status: 200, body: { status: "green" } });
      expect(authorization).toBe(`Basic ${Buffer.from("user:p@ss").toString("base64")}`);
    } finally {
      if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before;
    }
  });
});
