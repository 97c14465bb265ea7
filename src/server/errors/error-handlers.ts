import type { Hook } from "@hono/zod-openapi";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { CollectionError } from "../../collections/collection-error.ts";
import { StoreRefusedError, StoreUnavailableError } from "../../store/store-errors.ts";
import type { AppEnv } from "../app-context.ts";
import type { Logger } from "../logger.ts";
import { ApiError, apiError, errorBody } from "./api-error.ts";
import { collectionApiError } from "./collection-api-error.ts";
import { validationError } from "./validation-error.ts";

/** When to ask again while the store cannot answer (a cluster fails over in seconds). */
const STORE_RETRY_SECONDS = 5;

/** Client errors that Hono's own middleware raises, in paperchat's words. */
const HONO_ERRORS: Record<number, () => ApiError> = {
  400: () => apiError("invalid_json", "The request body is not valid JSON."),
  415: () =>
    apiError(
      "unsupported_media_type",
      "The request body must be JSON: send it with Content-Type: application/json.",
    ),
};

/**
 * The body-size error (413), naming the limit.
 *
 * @example
 * bodyLimit({ maxSize, onError: () => { throw bodyTooLarge(maxSize); } });
 */
export function bodyTooLarge(maxBytes: number): ApiError {
  return apiError(
    "body_too_large",
    `The request body is larger than ${maxBytes} bytes. Send less per request (e.g. fewer embeddings inputs).`,
  );
}

/**
 * Answers every error in the API's shape: {@link ApiError}s as they are, collection errors with
 * their API codes, Hono's client errors in plain words, anything else as a 500 that carries the
 * request id, whose stack goes to the log only.
 *
 * @example
 * app.onError(handleErrors(logger));
 */
export function handleErrors(logger: Logger): ErrorHandler<AppEnv> {
  return (error, c) => {
    const known =
      error instanceof ApiError
        ? error
        : error instanceof CollectionError
          ? collectionApiError(error)
          : error instanceof HTTPException
            ? HONO_ERRORS[error.status]?.()
            : undefined;
    if (known) return c.json(known.body(), known.status);
    if (error instanceof StoreUnavailableError || error instanceof StoreRefusedError) {
      // The store answers again by itself once it is back: say when to try.
      const headers =
        error instanceof StoreUnavailableError
          ? { "Retry-After": String(STORE_RETRY_SECONDS) }
          : undefined;
      return c.json(apiError("store_unavailable", error.message).body(), 503, headers);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const message = error.message || "Bad request.";
      return c.json(errorBody({ message, type: "invalid_request_error" }), error.status);
    }
    const requestId = c.get("requestId");
    logger.error(`[${requestId}] ${c.req.method} ${c.req.path} failed: ${error.stack ?? error}`);
    const internal = apiError(
      "internal_error",
      `Internal server error (request id ${requestId}); the details are in the server log.`,
    );
    return c.json(internal.body(), 500);
  };
}

/** What a path under /api/papers/ that no route serves most likely lacks. */
const UNENCODED_ID_HINT =
  ' A paper id that holds "/" goes percent-encoded as one path segment (encodeURIComponent): /api/papers/math%2F0501001.';

/**
 * JSON 404 for paths no route serves.
 *
 * @example
 * app.notFound(routeNotFound);
 */
export const routeNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(
    apiError(
      "route_not_found",
      `No route for ${c.req.method} ${c.req.path}.${c.req.path.startsWith("/api/papers/") ? UNENCODED_ID_HINT : ""} The API is described at /docs.`,
    ).body(),
    404,
  );

/**
 * JSON 405 with an `Allow` header, for a known path asked with the wrong method.
 *
 * @example
 * app.use(methodNotAllowed({ app, onMethodNotAllowed: wrongMethod }));
 */
export function wrongMethod(c: Context, methods: string[]): Response {
  const allow = methods.join(", ");
  const error = apiError(
    "method_not_allowed",
    `${c.req.path} does not answer ${c.req.method}; use ${allow}.`,
  );
  return c.json(error.body(), 405, { Allow: allow });
}

/**
 * Validation failures become 400s naming the field (the default hook of every route).
 *
 * @example
 * new OpenAPIHono({ defaultHook: rejectInvalid });
 */
export const rejectInvalid: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  // The validator passes the raw input along (its type omits it); it tells missing from wrong.
  const input = (result as { data?: unknown }).data;
  throw validationError(result.error, result.target, input);
};
