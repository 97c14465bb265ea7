import { type AppOptions, createApp } from "../../../src/server/app.ts";
import type { PaperchatApp } from "../../../src/server/app-context.ts";
import { type ErrorBody, recordingLogger, type TinyEngine } from "./tiny-server.ts";

/** What a test may pass to `requestJson`: a request, with `json` as a shortcut for a JSON POST. */
export interface JsonRequestInit extends Omit<RequestInit, "headers"> {
  headers?: Record<string, string>;
  /** Sent as the JSON body of a POST (unless `method` says otherwise). */
  json?: unknown;
}

/** A response read whole: its status, its parsed JSON body (if any) and its headers. */
export interface JsonResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** The app `serveEngine` would serve for a tiny engine, and the log it writes to. */
export interface TinyApp {
  app: PaperchatApp;
  logger: ReturnType<typeof recordingLogger>;
}

/**
 * Creates the app `serveEngine` serves, with the same options (`serveTiny`'s defaults), to
 * call in-process with `app.request` instead of over a socket.
 *
 * @example
 * const { app, logger } = tinyApp(tiny, { apiKey: "secret" });
 * const response = await app.request("/api/health");
 */
export function tinyApp(tiny: TinyEngine, options: Partial<AppOptions> = {}): TinyApp {
  const logger = recordingLogger();
  const app = createApp({ engine: tiny.engine, embedder: tiny.embedder, logger, ...options });
  return { app, logger };
}

/**
 * Sends a request to the app and reads the answer as JSON (`undefined` for an empty body).
 *
 * @example
 * const { status, body } = await requestJson(app, "/api/search", { json: { query: "gans" } });
 */
export async function requestJson<T = ErrorBody>(
  app: PaperchatApp,
  path: string,
  init: JsonRequestInit = {},
): Promise<JsonResponse<T>> {
  const { json, ...request } = init;
  const response = await app.request(
    path,
    json === undefined
      ? request
      : {
          method: "POST",
          ...request,
          headers: { "content-type": "application/json", ...request.headers },
          body: JSON.stringify(json),
        },
  );
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    headers: response.headers,
  };
}
