// The query benchmark's search without the web stack, as a process of its own: the search engine
// `paperchat serve` opens (same settings, index and model, through `openSearchEngine`),
// answering `GET /api/search?q=…&k=…` from a plain `node:http` server: no Hono, no zod, no
// middleware, the body from `searchResponse` and `JSON.stringify`. What `paperchat serve` costs
// on top of this is its web stack.
//
// With BODY_BYTES, it only embeds the question (the engine's own embedder) and answers with a
// JSON body of that size: the floor under a search with this model, whatever the search does.
// What the first mode costs on top of this is the search.
//
//   node --import tsx scripts/bench/engine-only-process.ts PORT INDEX_DIR MODEL_DIR [BODY_BYTES]
import http from "node:http";
import { openSearchEngine } from "../../src/app/open-search-engine.ts";
import { searchResponse } from "../../src/search/search-response.ts";
import { resolveSettings } from "../../src/settings/settings.ts";

const [port, indexDir, model, bodyBytes] = process.argv.slice(2);
const settings = resolveSettings(process.env, { indexDir, model, offline: true });
const { engine, embedder } = await openSearchEngine({ settings });
if (!embedder) throw new Error(`the model ${model} could not be loaded`);
const padding =
  bodyBytes === undefined
    ? undefined
    : JSON.stringify({ padding: "x".repeat(Math.max(0, Number(bodyBytes) - 14)) });

const answer = async (query: string, k: number | undefined): Promise<string> => {
  if (padding === undefined) return JSON.stringify(await searchResponse(engine, { query, k }));
  await embedder.embed([query]);
  return padding;
};

http
  .createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const query = url.searchParams.get("q");
    if (url.pathname !== "/api/search" || !query) {
      response.writeHead(url.pathname === "/api/search" ? 400 : 404).end();
      return;
    }
    const body = await answer(query, Number(url.searchParams.get("k")) || undefined);
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    });
    response.end(body);
  })
  .listen(Number(port), "127.0.0.1");
