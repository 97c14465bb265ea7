import { StoreRefusedError, StoreUnavailableError } from "../store-errors.ts";
import { freeTimeSignal } from "./free-time-signal.ts";
import { createHttpExchange, type HttpExchangeReply } from "./http-exchange.ts";

export interface ClusterClientOptions {
  /**
   * The cluster: `http://localhost:9200`, or `https://user:pass@search.example.org` for a
   * secured one (the credentials travel as a Basic header).
   */
  url: string;
  /** Milliseconds before a request is given up (default 30 000). */
  timeoutMs?: number;
}

/** A request body: an object sent as JSON, or NDJSON lines (`_bulk`, `_msearch`) sent as they are. */
export type ClusterBody = object | { ndjson: string };

/** The `error` object of an OpenSearch error reply. */
export interface ClusterError {
  type: string;
  reason: string;
  caused_by?: ClusterError;
}

/** What the cluster answered. */
export interface ClusterReply<Body> {
  status: number;
  body: Body;
}

/** Talks to one cluster over its REST API. */
export interface ClusterClient {
  /** The cluster's URL without credentials, for messages. */
  readonly url: string;
  /**
   * Sends a request. 2xx answers are returned; so are the statuses listed in `accept` (404 for
   * a lookup that may miss). Anything else throws: `StoreUnavailableError` when the cluster
   * cannot answer for now (unreachable, timed out, no shard can serve), `StoreRefusedError`
   * when it refuses (credentials, a read-only index), an `Error` naming the request otherwise.
   */
  request<Body>(
    method: "GET" | "PUT" | "POST" | "DELETE" | "HEAD",
    path: string,
    body?: ClusterBody,
    accept?: readonly number[],
  ): Promise<ClusterReply<Body>>;
}

/** Network errors that mean the cluster is not there (yet, or any more). */
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EAI_AGAIN",
]);

/** The innermost reason of an error reply, which says what was wrong. */
export function reasonOf(error: ClusterError | undefined): string {
  if (!error) return "no reason given";
  return error.caused_by ? `${error.reason}: ${reasonOf(error.caused_by)}` : error.reason;
}

/**
 * Turns a reply the caller did not accept (or one failed item of a `_bulk`) into the error a
 * person can act on: a `StoreRefusedError` or `StoreUnavailableError` when there is something to
 * do or to wait for, a plain `Error` naming the request otherwise.
 *
 * @example
 * throw clusterFailure(cluster.url, "POST /_bulk", item.status, { error: item.error });
 */
export function clusterFailure(url: string, what: string, status: number, body: unknown): Error {
  const raw = (body as { error?: ClusterError | string } | undefined)?.error;
  const error = typeof raw === "object" ? raw : undefined;
  const reason =
    typeof body === "string"
      ? body.trim().slice(0, 200)
      : typeof raw === "string"
        ? raw
        : reasonOf(error);
  if (status === 401 || status === 403) {
    return new StoreRefusedError(
      `The OpenSearch cluster at ${url} refused the credentials (${status} ${reason}). Put a user and password it accepts in the store URL: https://user:password@host:9200 (PAPERCHAT_STORE or --store).`,
    );
  }
  if (error?.type === "cluster_block_exception" && /read[-_]only/.test(error.reason)) {
    return new StoreRefusedError(
      `The OpenSearch cluster at ${url} made the index read-only (${error.reason}): its disk is past the flood-stage watermark. Free disk space on the cluster, then clear the block with PUT /_all/_settings {"index.blocks.read_only_allow_delete": null}, and run again.`,
    );
  }
  if (
    status === 503 ||
    status === 429 ||
    (status >= 500 && error?.type === "search_phase_execution_exception")
  ) {
    return new StoreUnavailableError(
      `The OpenSearch cluster at ${url} cannot answer ${what} for now (${status} ${reason}); it may be failing over. Try again in a few seconds.`,
    );
  }
  return new Error(`OpenSearch at ${url} answered ${what} with ${status}: ${reason}`);
}

/**
 * A plain HTTP client of one OpenSearch (or compatible) cluster: no client library, and no
 * retries but on a kept-alive connection the cluster had closed (see {@link createHttpExchange};
 * a caller that wants others knows when they are safe).
 *
 * @example
 * const cluster = createClusterClient({ url: "http://localhost:9200" });
 * const { body } = await cluster.request<{ status: string }>("GET", "/_cluster/health");
 */
export function createClusterClient(options: ClusterClientOptions): ClusterClient {
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
  const timeoutMs = options.timeoutMs ?? 30_000;
  const exchange = createHttpExchange(parsed.protocol);
  return {
    url,
    async request<Body>(
      method: string,
      path: string,
      body?: ClusterBody,
      accept: readonly number[] = [],
    ): Promise<ClusterReply<Body>> {
      const what = `${method} ${path.split("?")[0]}`;
      const ndjson = body !== undefined && "ndjson" in body;
      let reply: HttpExchangeReply;
      const timeout = freeTimeSignal(timeoutMs);
      try {
        reply = await exchange({
          method,
          url: url + path,
          headers: {
            ...headers,
            ...(body === undefined
              ? {}
              : { "content-type": ndjson ? "application/x-ndjson" : "application/json" }),
          },
          body: body === undefined ? undefined : ndjson ? body.ndjson : JSON.stringify(body),
          // The timeout covers the body too: a cluster that sends its headers and then stalls
          // must fail here, with the message below.
          signal: timeout.signal,
        });
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code;
        if ((cause as Error).name === "TimeoutError") {
          throw new StoreUnavailableError(
            `The OpenSearch cluster at ${url} did not answer ${what} within ${timeoutMs / 1000} s. Check that it is healthy (GET /_cluster/health), or try again.`,
            { cause },
          );
        }
        if (code && UNREACHABLE.has(code)) {
          throw new StoreUnavailableError(
            `Cannot reach the OpenSearch cluster at ${url} (${code}). Start it, or point PAPERCHAT_STORE (or --store) at a cluster that runs.`,
            { cause },
          );
        }
        throw new StoreUnavailableError(
          `Cannot reach the OpenSearch cluster at ${url}: ${(cause as Error).message}${code ? ` (${code})` : ""}.`,
          { cause },
        );
      } finally {
        timeout.done();
      }
      const { status, text } = reply;
      const parsedBody =
        reply.contentType.includes("json") && text ? (JSON.parse(text) as unknown) : text;
      if ((status >= 200 && status < 300) || accept.includes(status)) {
        return { status, body: parsedBody as Body };
      }
      throw clusterFailure(url, what, status, parsedBody);
    },
  };
}
