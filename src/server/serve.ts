import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { type OpenedSearchEngine, openSearchEngine } from "../app/open-search-engine.ts";
import type { BuildProgress } from "../contract/build-progress.ts";
import { publicModelName } from "../contract/model-name.ts";
import { ConfigurationError } from "../settings/configuration-error.ts";
import type { Settings } from "../settings/settings.ts";
import { StoreUnavailableError } from "../store/store-errors.ts";
import { type AppOptions, createApp } from "./app.ts";
import { httpParserErrorResponse } from "./errors/http-parser-error.ts";
import { DEFAULT_LIMITS } from "./limits.ts";
import { consoleLogger, type Logger } from "./logger.ts";
import { storeAwayApp } from "./store-away-app.ts";

export interface ServeEngineOptions extends AppOptions {
  /** 0 picks a free port. */
  port: number;
  /** Interface to listen on; all interfaces when absent. */
  host?: string;
  /** How long `close()` lets in-flight requests run before cutting their connections. */
  shutdownGraceMs?: number;
}

/** The port, host, API key, CORS and chat model come as {@link resolveServerSettings} gives them. */
export interface StartServerOptions extends Omit<ServeEngineOptions, "engine" | "embedder"> {
  settings: Settings;
  /** Build the index first when there is none, or rebuild it when its corpus or model changed. */
  build?: boolean;
  onProgress?: (progress: BuildProgress) => void;
}

/** A listening server. */
export interface RunningServer {
  /** e.g. `http://localhost:3000` */
  url: string;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, then resolves (idempotent). */
  close(): Promise<void>;
}

const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
/** How long a server that could not reach its store at start waits before trying again. */
const STORE_RETRY_MS = 5_000;

/** What the HTTP server hands each request to. */
type FetchHandler = (request: Request, env?: unknown) => Response | Promise<Response>;

function displayHost(host: string | undefined): string {
  if (!host || host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}

function listen(server: Server, port: number, host?: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new ConfigurationError(
            `Port ${port} is already in use. Stop the other server, or pick another port with PORT=… (or --port).`,
            { cause: error },
          ),
        );
      } else reject(error);
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Serves an already opened search engine over HTTP (tests use port 0 for a free port).
 *
 * @example
 * const server = await serveEngine({ engine, embedder, port: 0 });
 * await fetch(`${server.url}/api/health`);
 * await server.close();
 */
export function serveEngine(options: ServeEngineOptions): Promise<RunningServer> {
  return serveFetch(createApp(options).fetch, options);
}

/** Listens on the port and hands each request to `fetch`; see {@link serveEngine}. */
async function serveFetch(
  fetch: FetchHandler,
  options: Omit<ServeEngineOptions, "engine" | "embedder">,
): Promise<RunningServer> {
  const { maxHeaderBytes } = { ...DEFAULT_LIMITS, ...options.limits };
  // Without `createServer`, the adapter makes a plain node:http server.
  const server = createAdaptorServer({
    fetch,
    serverOptions: { maxHeaderSize: maxHeaderBytes },
  }) as Server;
  // Requests Node refuses before the app sees them get a JSON error too (Node's own is empty).
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (socket.writable && error.code !== "ECONNRESET") {
      socket.end(httpParserErrorResponse(error.code, maxHeaderBytes));
    } else socket.destroy();
  });
  const address = await listen(server, options.port, options.host);
  const graceMs = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  let closing: Promise<void> | undefined;
  // Connections that have not sent a request yet (a browser's pre-opened one, or the one a
  // client opens after an abort): Node's closeIdleConnections() does not count them as idle.
  const silent = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    if (closing) return void socket.destroy();
    silent.add(socket);
    socket.once("close", () => silent.delete(socket));
  });
  // While closing, a keep-alive connection is let go as soon as its last response is sent.
  server.on("request", (request, response) => {
    silent.delete(request.socket);
    response.once("finish", () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  return {
    url: `http://${displayHost(options.host)}:${address.port}`,
    port: address.port,
    close() {
      closing ??= new Promise((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
        for (const socket of silent) socket.destroy();
      });
      return closing;
    },
  };
}

/**
 * Opens the index (building it first with `build`), loads the model and serves paperchat;
 * logs one line with the URL, corpus size, model and whether search is semantic. Without the
 * model it still serves, lexically (degraded mode), and logs why once. A store that cannot be
 * reached at start (an OpenSearch cluster down or silent) does not stop it: it answers 503 with
 * `Retry-After` and opens the store as soon as it answers.
 *
 * @example
 * const server = await startServer({
 *   settings: resolveSettings(process.env),
 *   ...resolveServerSettings(process.env),
 *   build: true,
 * });
 * process.once("SIGTERM", () => server.close());
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? consoleLogger;
  const { settings, build, onProgress, ...serveOptions } = options;
  let degradedReason: string | undefined;
  const open = () =>
    openSearchEngine({
      settings,
      build,
      onProgress,
      onNotice: (line) => logger.info(line),
      onDegraded: (error) => {
        degradedReason = error.message;
        logger.warn(
          `paperchat: the embedding model could not be loaded, so search is lexical-only and /v1/embeddings answers 503. ${error.message}`,
        );
      },
    });
  const appFor = ({ engine, embedder }: OpenedSearchEngine) =>
    createApp({ degradedReason, ...serveOptions, engine, embedder, logger });
  let opened: OpenedSearchEngine | undefined;
  let away: Error | undefined;
  try {
    opened = await open();
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    away = error;
  }
  let handler: FetchHandler = opened
    ? appFor(opened).fetch
    : storeAwayApp(() => away!, logger).fetch;
  const server = await serveFetch((request, env) => handler(request, env), {
    ...serveOptions,
    logger,
  });
  const announce = ({ engine }: OpenedSearchEngine) =>
    logServing(logger, options, engine.store.info, engine.semantic, server.url);
  if (opened) {
    announce(opened);
    return server;
  }
  logger.warn(
    `paperchat: ${away!.message} Answering 503 with Retry-After at ${server.url} until the store answers, trying again every ${STORE_RETRY_MS / 1000} s.`,
  );
  let retry: NodeJS.Timeout | undefined;
  const tryAgain = async () => {
    try {
      const reopened = await open();
      handler = appFor(reopened).fetch;
      announce(reopened);
    } catch (error) {
      away = error as Error;
      if (!(error instanceof StoreUnavailableError)) {
        logger.error(`paperchat: ${away.message}`);
        return;
      }
      retry = setTimeout(tryAgain, STORE_RETRY_MS);
    }
  };
  retry = setTimeout(tryAgain, STORE_RETRY_MS);
  return {
    ...server,
    close() {
      clearTimeout(retry);
      return server.close();
    },
  };
}

/** The one line that says the server is up: what it serves, and where. */
function logServing(
  logger: Logger,
  options: StartServerOptions,
  info: { count: number; model?: string | null },
  semantic: boolean,
  url: string,
): void {
  const facts = [
    `${info.count} papers`,
    `model ${publicModelName(info.model ?? options.settings.model)}`,
    `semantic search ${semantic ? "on" : "off (lexical only)"}`,
    `answers ${options.llm ? `by ${options.llm.model} at ${options.llm.baseURL}` : "extractive"}`,
    ...(options.apiKey ? ["API key required"] : []),
  ];
  logger.info(`paperchat: serving ${facts.join(", ")} at ${url} (API docs: ${url}/docs)`);
}
