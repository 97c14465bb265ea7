import { Hono } from "hono";
import type { AppEnv } from "./app-context.ts";
import { handleErrors } from "./errors/error-handlers.ts";
import type { Logger } from "./logger.ts";

/**
 * What the server answers before it could open its store (a cluster that was unreachable or
 * silent when it started): every request gets the store's 503 with `Retry-After`, naming the
 * cluster and what to do, exactly as a request gets it when the cluster goes away later. A
 * store that answers but refuses (credentials, no k-NN plugin) gets its own error instead.
 *
 * @example
 * let handler = storeAwayApp(() => lastError, logger).fetch;
 */
export function storeAwayApp(reason: () => Error, logger: Logger): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all("*", () => {
    throw reason();
  });
  app.onError(handleErrors(logger));
  return app;
}
