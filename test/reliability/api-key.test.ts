import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import {
  openTinyEngine,
  serveTiny,
  type TinyEngine,
  userMessage,
} from "../server/support/tiny-server.ts";
import { papersOf } from "../support/tiny-index.ts";
import { errorProblems } from "./support/contract-shapes.ts";
import { rawHttpClient } from "./support/raw-http.ts";

const KEY = "k3y-for-reliability-tests";
const PUBLIC_API = new Set(["/api/health"]);
const PROTECTED = /^\/(api|v1)\//;

/** Ways to send something that is not the key. */
const WRONG_CREDENTIALS: Record<string, string>[] = [
  {},
  { authorization: "" },
  { authorization: "Bearer" },
  { authorization: "Bearer " },
  { authorization: "Bearer wrong-key" },
  { authorization: `Bearer ${KEY}x` },
  { authorization: `Bearer ${KEY.slice(0, -1)}` },
  { authorization: `Basic ${Buffer.from(`user:${KEY}`).toString("base64")}` },
  { authorization: KEY },
  { "x-api-key": KEY },
  { "api-key": KEY },
  { cookie: `api_key=${KEY}` },
];

/** The collection the collection routes name (`{name}`), put back before each of them. */
const COLLECTION = "Key test";
const COLLECTION_PATH = `/api/collections/${encodeURIComponent(COLLECTION)}`;

/** What GET routes need in the query and POST routes in the body to answer 2xx. */
const VALID_QUERIES: Record<string, string> = { "/api/search": "?q=graph+convolution" };
const VALID_BODIES: Record<string, unknown> = {
  "/api/search": { query: "graph convolution" },
  "/api/chat": { messages: [userMessage("graph convolution")] },
  "/v1/embeddings": { input: "graph convolution" },
  "/api/collections": { name: "Made with the key" },
  [COLLECTION_PATH]: { name: "Renamed with the key" },
};

interface Route {
  method: string;
  /** With a real paper id in place of `{id}` / `:id`, and `COLLECTION` in place of `{name}`. */
  path: string;
}

let tiny: TinyEngine;
let server: Awaited<ReturnType<typeof serveTiny>>;
let routes: Route[];
let paperId: string;

/**
 * Every protected route: those in the OpenAPI document and those registered on the app
 * (so a route added without documentation is covered too).
 */
async function protectedRoutes(paperId: string): Promise<Route[]> {
  const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })),
  );
  const registered = createApp({ engine: tiny.engine, embedder: tiny.embedder }).routes.filter(
    (route) => route.method !== "ALL",
  );
  const unique = new Map<string, Route>();
  for (const { method, path } of [...documented, ...registered]) {
    const filled = path
      .replace(/\{name\}|:name/, encodeURIComponent(COLLECTION))
      .replace(/\{id\}|:id/, encodeURIComponent(paperId));
    if (PROTECTED.test(filled) && !PUBLIC_API.has(filled)) {
      unique.set(`${method} ${filled}`, { method, path: filled });
    }
  }
  return [...unique.values()];
}

/** Puts back the collection the collection routes name: there, holding `paperId`. */
async function resetCollection(paperId: string) {
  const request = (path: string, method: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((response) => response.body?.cancel());
  await request(COLLECTION_PATH, "DELETE");
  await request("/api/collections/Renamed%20with%20the%20key", "DELETE");
  await request("/api/collections/Made%20with%20the%20key", "DELETE");
  await request("/api/collections", "POST", { name: COLLECTION });
  await request(`${COLLECTION_PATH}/papers`, "POST", { id: paperId });
}

function send(route: Route, headers: Record<string, string> = {}) {
  const paper = { id: paperId };
  const body =
    route.path === `${COLLECTION_PATH}/papers`
      ? paper
      : route.path === "/api/export"
        ? { ids: [paperId] }
        : VALID_BODIES[route.path];
  const query = route.method === "GET" || route.method === "HEAD" ? VALID_QUERIES[route.path] : "";
  return fetch(`${server.url}${route.path}${query ?? ""}`, {
    method: route.method,
    headers: { "content-type": "application/json", origin: "https://app.example.org", ...headers },
    body:
      route.method === "GET" || route.method === "HEAD" ? undefined : JSON.stringify(body ?? {}),
  });
}

beforeAll(async () => {
  tiny = await openTinyEngine();
  server = await serveTiny(tiny, { apiKey: KEY, cors: { origins: ["https://app.example.org"] } });
  paperId = (await papersOf(tiny.engine.store))[0]!.id;
  routes = await protectedRoutes(paperId);
});

afterAll(async () => {
  await server?.close();
});

describe("with an API key set, no protected route answers without it", () => {
  it("finds every documented and registered route under /api and /v1", () => {
    const names = routes.map(
      (route) => `${route.method} ${route.path.replace(/papers\/[^/]+/, "papers/:id")}`,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        "GET /api/search",
        "POST /api/search",
        "GET /api/papers",
        "GET /api/papers/:id",
        "GET /api/papers/:id/similar",
        "POST /api/chat",
        "POST /v1/embeddings",
        "GET /v1/models",
        "GET /api/collections",
        "POST /api/collections",
        `PATCH ${COLLECTION_PATH}`,
        `DELETE ${COLLECTION_PATH}/papers/:id`,
        `GET ${COLLECTION_PATH}/recommend`,
        "POST /api/export",
      ]),
    );
  });

  it("answers every route with 2xx when the key is right (so the 401s below are the key's doing)", async () => {
    for (const route of routes) {
      await resetCollection(paperId);
      const response = await send(route, { authorization: `Bearer ${KEY}` });
      const status = response.status >= 200 && response.status < 300 ? "2xx" : response.status;
      expect(`${route.method} ${route.path} ${status}`).toBe(`${route.method} ${route.path} 2xx`);
      await response.body?.cancel();
    }
  });

  it("answers every route with a JSON 401 for a missing, wrong or misplaced key", async () => {
    const answered: string[] = [];
    for (const route of routes) {
      for (const credentials of WRONG_CREDENTIALS) {
        const response = await send(route, credentials);
        const text = await response.text();
        const problems = errorProblems(text, response.headers.get("content-type"));
        if (response.status !== 401 || problems.length > 0) {
          answered.push(
            `${route.method} ${route.path} ${JSON.stringify(credentials)} → ${response.status} ${problems}`,
          );
        }
        expect(text).not.toContain(KEY);
      }
      const query = `?api_key=${KEY}&key=${KEY}`;
      const inQuery = await send({ ...route, path: `${route.path}${query}` });
      if (inQuery.status !== 401)
        answered.push(`${route.method} ${route.path}${query} → ${inQuery.status}`);
      await inQuery.body?.cancel();
    }
    expect(answered).toEqual([]);
  });

  it("answers HEAD without the key with 401, not the GET's headers", async () => {
    for (const route of routes.filter(({ method }) => method === "GET")) {
      const response = await send({ ...route, method: "HEAD" });
      expect(`HEAD ${route.path} ${response.status}`).toBe(`HEAD ${route.path} 401`);
    }
  });

  it("does not answer other spellings of protected paths with 2xx", async () => {
    const spellings = [
      "/API/search?q=graphs",
      "/Api/papers",
      "//api/search?q=graphs",
      "/%61pi/search?q=graphs",
      "/api/%73earch?q=graphs",
      "/api/./search?q=graphs",
      "/api/health/../search?q=graphs",
      "/api/health%2f..%2fsearch?q=graphs",
      "/api/health/..%2fsearch?q=graphs",
      "/v1/../api/papers",
      "/api/search;health?q=graphs",
      "/api/search/?q=graphs",
      "/api/papers/",
      "/v1/models/",
      "/V1/models",
      "/v1//models",
      `http://127.0.0.1/api/search?q=graphs`,
    ];
    const client = rawHttpClient(server.port, { sockets: 2 });
    try {
      const served: string[] = [];
      for (const path of spellings) {
        const reply = await client.send({ method: "GET", path });
        if (reply.status < 300 || reply.status >= 500) served.push(`${path} → ${reply.status}`);
      }
      expect(served).toEqual([]);
    } finally {
      client.close();
    }
  });

  it("keeps /api/health, /openapi.json and /docs public", async () => {
    for (const path of ["/api/health", "/openapi.json", "/docs"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(`${path} ${response.status}`).toBe(`${path} 200`);
      expect(await response.text()).not.toContain(KEY);
    }
  });
});
