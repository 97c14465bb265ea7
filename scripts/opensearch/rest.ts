/** Options of `openSearchRest`. */
export interface OpenSearchRestOptions {
  /**
   * The cluster: `http://127.0.0.1:9250`, or `https://user:pass@host:9200` for a secured one.
   * fetch refuses a URL with credentials in it, so they travel as a Basic Authorization header.
   */
  url: string;
  /** Milliseconds before a request is abandoned with a `TimeoutError` (default 30 000). */
  timeoutMs?: number;
}

/** What OpenSearch answered: the HTTP status and the parsed JSON body (text when not JSON). */
export interface OpenSearchReply<Body = unknown> {
  status: number;
  body: Body;
}

/** A request body: an object sent as JSON, or NDJSON lines (`_bulk`, `_msearch`) sent as is. */
export type RequestBody = object | { ndjson: string };

/** The `error` object of every OpenSearch error reply. */
export interface OpenSearchError {
  type: string;
  reason: string;
  caused_by?: OpenSearchError;
  root_cause?: OpenSearchError[];
}

/** Per-request overrides. */
export interface RequestOptions {
  timeoutMs?: number;
}

/** A plain-fetch OpenSearch REST client: one method, no retries, no client library. */
export interface OpenSearchRest {
  /** Base URL without credentials. */
  url: string;
  request<Body = unknown>(
    method: "GET" | "PUT" | "POST" | "DELETE" | "HEAD",
    path: string,
    body?: RequestBody,
    options?: RequestOptions,
  ): Promise<OpenSearchReply<Body>>;
}

/**
 * Talks to an OpenSearch cluster with `fetch`. Error statuses are returned, not thrown; network
 * failures (connection refused: `TypeError: fetch failed` with `cause.code === "ECONNREFUSED"`)
 * and timeouts (`DOMException` named `TimeoutError`) are thrown.
 *
 * @example
 * const rest = openSearchRest({ url: "http://127.0.0.1:9250" });
 * const { status, body } = await rest.request("GET", "/_cluster/health");
 */
export function openSearchRest(options: OpenSearchRestOptions): OpenSearchRest {
  const parsed = new URL(options.url);
  const headers: Record<string, string> = {};
  if (parsed.username || parsed.password) {
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
    parsed.username = "";
    parsed.password = "";
  }
  const url = parsed.toString().replace(/\/$/, "");
  return {
    url,
    async request(method, path, body, requestOptions) {
      const ndjson = body !== undefined && "ndjson" in body;
      const response = await fetch(url + path, {
        method,
        headers: {
          ...headers,
          ...(body === undefined
            ? {}
            : { "content-type": ndjson ? "application/x-ndjson" : "application/json" }),
        },
        body: body === undefined ? undefined : ndjson ? body.ndjson : JSON.stringify(body),
        signal: AbortSignal.timeout(requestOptions?.timeoutMs ?? options.timeoutMs ?? 30_000),
      });
      const text = await response.text();
      const json = response.headers.get("content-type")?.includes("json") && text.length > 0;
      return { status: response.status, body: json ? JSON.parse(text) : text };
    },
  };
}
