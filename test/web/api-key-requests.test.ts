import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiFetch } from "../../web/src/api/api-fetch.ts";
import { createApiKeyStore } from "../../web/src/api/api-key-store.ts";
import { apiKeyRefusal } from "../../web/src/api/check-api-key.ts";
import { SERVER_DOWN_MESSAGE } from "../../web/src/api/error-message.ts";

const KEY = "s3cret";
const MISSING = "Missing API key. Send it as `Authorization: Bearer <key>`.";
const INCORRECT = "Incorrect API key.";

/** Answers like paperchat with an API key set: 401 in its error shape, else echoes the headers. */
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const auth = request.headers.authorization;
    if (auth !== `Bearer ${KEY}`) {
      response.writeHead(401, { "content-type": "application/json" });
      const message = auth ? INCORRECT : MISSING;
      response.end(JSON.stringify({ error: { message, type: "auth", code: "invalid_api_key" } }));
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(request.headers));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("createApiFetch", () => {
  it("sends the stored key with the caller's headers", async () => {
    const store = createApiKeyStore();
    store.dispatch({ type: "saved", key: KEY });
    const apiFetch = createApiFetch({ store });
    const response = await apiFetch(`${base}/api/papers`, { headers: { "x-test": "yes" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      authorization: `Bearer ${KEY}`,
      "x-test": "yes",
    });
    expect(store.get()).toEqual({ key: KEY, refusal: null });
  });

  it("tells the store the server's message on a 401 and leaves the body to the caller", async () => {
    const store = createApiKeyStore();
    const apiFetch = createApiFetch({ store });
    const response = await apiFetch(`${base}/api/chat`, { method: "POST", body: "{}" });
    expect(response.status).toBe(401);
    expect(store.get()).toEqual({ key: null, refusal: MISSING });
    // The chat transport reads the body itself, for its error.
    expect(JSON.parse(await response.text())).toMatchObject({ error: { message: MISSING } });
  });

  it("drops a key the server refuses", async () => {
    const store = createApiKeyStore();
    store.dispatch({ type: "saved", key: "wrong" });
    await createApiFetch({ store })(`${base}/api/search`);
    expect(store.get()).toEqual({ key: null, refusal: INCORRECT });
  });
});

describe("apiKeyRefusal", () => {
  it("accepts the right key, and gives the server's message for a wrong one", async () => {
    await expect(apiKeyRefusal(KEY, `${base}/api/papers?limit=1`)).resolves.toBeUndefined();
    await expect(apiKeyRefusal("wrong", `${base}/api/papers?limit=1`)).resolves.toBe(INCORRECT);
  });

  it("says the server is down when nothing listens", async () => {
    await expect(apiKeyRefusal(KEY, "http://127.0.0.1:1/api/papers")).resolves.toBe(
      SERVER_DOWN_MESSAGE,
    );
  });
});
