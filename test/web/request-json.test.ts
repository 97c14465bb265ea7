import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_DOWN_MESSAGE } from "../../web/src/api/error-message.ts";
import { requestJson } from "../../web/src/api/request-json.ts";

/**
 * Answers `/<status>?type=<content type>&body=<body>` with exactly that; echoes headers on
 * `/echo`; `/cut` sends half a JSON body and then hangs up, `/stall` half a body and then waits.
 */
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === "/echo") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(request.headers));
      return;
    }
    if (url.pathname === "/cut" || url.pathname === "/stall") {
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      response.write('{"status":');
      if (url.pathname === "/cut") setTimeout(() => response.destroy(), 20);
      return;
    }
    response.writeHead(Number(url.pathname.slice(1)), {
      "content-type": url.searchParams.get("type") ?? "application/json",
    });
    response.end(url.searchParams.get("body") ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const answer = (status: number, body: string, type?: string) =>
  `${base}/${status}?${new URLSearchParams({ body, ...(type ? { type } : {}) })}`;

describe("requestJson", () => {
  it("returns the parsed body of a successful answer", async () => {
    await expect(requestJson(answer(200, '{"status":"ok","papers":70}'))).resolves.toEqual({
      status: "ok",
      papers: 70,
    });
  });

  it("asks for JSON and keeps the caller's headers", async () => {
    const headers = await requestJson<Record<string, string>>(`${base}/echo`, {
      headers: { "x-api-key": "secret" },
    });
    expect(headers).toMatchObject({ accept: "application/json", "x-api-key": "secret" });
  });

  it.each([
    [404, '{"error":{"message":"No paper with id x","type":"not_found"}}', "No paper with id x"],
    [400, '{"error":"k must be a number"}', "k must be a number"],
    [503, "", "The server answered 503."],
    [502, "<html>Bad Gateway</html>", "The server answered 502."],
  ])("turns a %i answer into an Error with the sentence to show", async (status, body, message) => {
    const failed = await requestJson(answer(status, body)).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toBe(message);
  });

  it.each([
    ["an HTML page", "<!doctype html><title>Router login</title>", "text/html"],
    ["cut-off JSON", '{"status":"ok","pap', undefined],
    ["an empty body", "", undefined],
  ])(
    "turns a successful answer with %s into one sentence naming the request",
    async (_, body, type) => {
      const url = answer(200, body, type);
      const failed = await requestJson(url).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(Error);
      expect((failed as Error).message).toBe(
        `The server sent a reply that is not JSON (HTTP 200 from ${url}). Is this the paperchat server?`,
      );
    },
  );

  it("resolves a 204 (a deletion) with undefined", async () => {
    await expect(requestJson(answer(204, ""))).resolves.toBeUndefined();
  });

  it("says the server is down when it hangs up in the middle of its reply", async () => {
    await expect(requestJson(`${base}/cut`)).rejects.toThrow(SERVER_DOWN_MESSAGE);
  });

  it("lets an abort in the middle of the reply through unchanged", async () => {
    const controller = new AbortController();
    const request = requestJson(`${base}/stall`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(request).rejects.toMatchObject({ name: "AbortError" });
  });

  it("says the server is down when nothing listens", async () => {
    await expect(requestJson("http://127.0.0.1:1/api/health")).rejects.toThrow(SERVER_DOWN_MESSAGE);
  });

  it("lets an abort through unchanged", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      requestJson(answer(200, "{}"), { signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
  });
});
