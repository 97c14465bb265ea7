import {
  AddedPapers,
  Collection,
  CollectionList,
  CollectionSummary,
  chatStreamProblems,
  embeddingsProblems,
  errorProblems,
  exportProblems,
  Health,
  ModelList,
  Paper,
  PaperList,
  recommendProblems,
  type ServedFacts,
  searchProblems,
  shapeProblems,
  similarProblems,
} from "./contract-shapes.ts";
import type { FuzzRequest } from "./malformed-requests.ts";
import type { RawReply } from "./raw-http.ts";

/** What the server serves besides the API: the web root's files by URL path. */
export interface JudgedServer extends ServedFacts {
  webFiles: ReadonlyMap<string, string>;
}

/**
 * The path as the app routes it: `..` resolved by the URL parser, escapes but `%2F` decoded.
 *
 * @example
 * routedPath("/api/%70apers/../search?q=x"); // "/api/search"
 */
export function routedPath(rawPath: string): string {
  const { pathname } = new URL(rawPath, "http://127.0.0.1");
  try {
    return decodeURI(pathname);
  } catch {
    return pathname;
  }
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** How many vectors an embeddings request asks for, when its body says so plainly. */
function inputCount(request: FuzzRequest): number | undefined {
  const body = parsed(Buffer.from(request.body ?? []).toString("utf8")) as { input?: unknown };
  if (typeof body?.input === "string") return 1;
  return Array.isArray(body?.input) ? body.input.length : undefined;
}

/** Problems with a 2xx answer of a collection route; undefined for other paths. */
function collectionProblems(
  request: FuzzRequest,
  reply: RawReply,
  server: JudgedServer,
  path: string,
): string[] | undefined {
  const body = parsed(reply.text);
  const empty = () =>
    reply.status === 204 && reply.text === "" ? [] : [`${reply.status} ${reply.text}`];
  if (path === "/api/export" || /^\/api\/collections\/[^/]+\/export$/.test(path)) {
    return exportProblems(reply.text, reply.headers);
  }
  if (/^\/api\/collections\/[^/]+\/recommend$/.test(path)) return recommendProblems(body, server);
  if (/^\/api\/collections\/[^/]+\/papers\/[^/]+$/.test(path)) return empty();
  if (/^\/api\/collections\/[^/]+\/papers$/.test(path)) return shapeProblems(AddedPapers, body);
  if (/^\/api\/collections\/[^/]+$/.test(path)) {
    if (request.method === "DELETE") return empty();
    return shapeProblems(request.method === "PATCH" ? CollectionSummary : Collection, body);
  }
  if (path === "/api/collections") {
    return shapeProblems(request.method === "POST" ? CollectionSummary : CollectionList, body);
  }
  return undefined;
}

/** Problems with a 2xx answer: it must be the contract's answer for the route it reached. */
async function successProblems(
  request: FuzzRequest,
  reply: RawReply,
  server: JudgedServer,
): Promise<string[]> {
  if (request.method === "HEAD" || request.method === "OPTIONS") return [];
  const path = routedPath(request.path);
  const body = parsed(reply.text);
  if (path === "/api/health") return shapeProblems(Health, body);
  if (path === "/api/search") return searchProblems(body, server);
  if (path === "/api/papers") return shapeProblems(PaperList, body);
  if (/^\/api\/papers\/[^/]+\/similar$/.test(path)) return similarProblems(body, server);
  if (/^\/api\/papers\/[^/]+$/.test(path)) return shapeProblems(Paper, body);
  if (path === "/api/chat") return chatStreamProblems(reply.text);
  const collections = collectionProblems(request, reply, server, path);
  if (collections) return collections;
  if (path === "/v1/embeddings") return embeddingsProblems(body, inputCount(request), server);
  if (path === "/v1/models") return shapeProblems(ModelList, body);
  if (path === "/openapi.json") {
    return (body as { openapi?: unknown })?.openapi === "3.1.0" ? [] : ["not an OpenAPI document"];
  }
  if (path === "/docs") {
    return String(reply.headers["content-type"]).startsWith("text/html") ? [] : ["docs not HTML"];
  }
  const file = server.webFiles.get(path);
  if (file === undefined) return [`${reply.status} for a path that serves nothing`];
  return reply.text === file ? [] : ["served the wrong file"];
}

/**
 * Everything wrong with an answer to a fuzzed request: no answer, a 5xx or a redirect, an error
 * that is not JSON in the contract's shape, or a 2xx that is not the route's correct answer.
 * A request beyond the body limit may also be cut off while it is still being sent, and an
 * empty 4xx from the HTTP layer (a request line too long or unparsable, which never reaches
 * the app and so has no request id) has no JSON body to check.
 *
 * @example
 * const problems = await replyProblems(request, await client.send(request), server);
 */
export async function replyProblems(
  request: FuzzRequest,
  reply: RawReply,
  server: JudgedServer,
): Promise<string[]> {
  if (reply.error) {
    const cutOff = request.oversize && ["ECONNRESET", "EPIPE"].includes(reply.error);
    return cutOff ? [] : [`no answer: ${reply.error}`];
  }
  const { status } = reply;
  if (status >= 500) return [`${status}: ${reply.text.slice(0, 300)}`];
  if (status < 200 || (status >= 300 && status < 400)) return [`unexpected status ${status}`];
  if (status >= 400) {
    const fromHttpLayer = reply.text === "" && !reply.headers["x-request-id"];
    if (request.method === "HEAD" || fromHttpLayer) return [];
    return errorProblems(reply.text, String(reply.headers["content-type"] ?? ""));
  }
  return successProblems(request, reply, server);
}
