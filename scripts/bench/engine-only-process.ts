// The query benchmark's "search without the web stack", as a process of its own: the search
// engine `paperchat serve` opens (same settings, index and model, through `openSearchEngine`),
// answering `GET /api/search?q=…&k=…` from a plain `node:http` server: no Hono, no zod, no
// middleware, the body from `searchResponse` and `JSON.stringify`. What `paperchat serve` costs
// on top of this is its web stack; what this costs on top of the HTTP floor is the search.
//
//   node --import tsx scripts/bench/engine-only-process.ts PORT INDEX_DIR MODEL_DIR
import http from "node:http";
import { openSearchEngine } from "../../src/app/open-search-engine.ts";
import { searchResponse } from "../../src/search/search-response.ts";
import { resolveSettings } from "../../src/settings/settings.ts";

const [port, indexDir, model] = process.argv.slice(2);
const settings = resolveSettings(process.env, { indexDir, model, offline: true });
const { engine } = await openSearchEngine({ settings });

http
  .createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const query = url.searchParams.get("q");
    if (url.pathname !== "/api/search" || !query) {
      response.writeHead(url.pathname === "/api/search" ? 400 : 404).end();
      return;
    }
    const k = Number(url.searchParams.get("k") ?? undefined) || undefined;
    const body = JSON.stringify(await searchResponse(engine, { query, k }));
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    });
    response.end(body);
  })
  .listen(Number(port), "127.0.0.1");
