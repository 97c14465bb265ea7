import type { ContentfulStatusCode } from "hono/utils/http-status";
import { PaperchatError } from "../../errors/paperchat-error.ts";

/** The `type` of an error body, as OpenAI's API names them. */
export type ApiErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "not_found_error"
  | "server_error"
  | "service_unavailable";

/** Every error the API answers with: `{"error": {"message", "type", "code"?, "param"?}}`. */
export interface ApiErrorBody {
  error: { message: string; type: ApiErrorType; code?: string; param?: string };
}

/** Every code the API answers with, and the HTTP status and error type that go with it. */
export const API_ERROR_CODES = {
  invalid_value: { status: 400, type: "invalid_request_error" },
  invalid_json: { status: 400, type: "invalid_request_error" },
  invalid_utf8: { status: 400, type: "invalid_request_error" },
  malformed_http: { status: 400, type: "invalid_request_error" },
  invalid_api_key: { status: 401, type: "invalid_request_error" },
  paper_not_found: { status: 404, type: "not_found_error" },
  collection_not_found: { status: 404, type: "not_found_error" },
  model_not_found: { status: 404, type: "not_found_error" },
  route_not_found: { status: 404, type: "not_found_error" },
  method_not_allowed: { status: 405, type: "invalid_request_error" },
  collection_exists: { status: 409, type: "invalid_request_error" },
  collection_full: { status: 409, type: "invalid_request_error" },
  request_timeout: { status: 408, type: "invalid_request_error" },
  body_too_large: { status: 413, type: "invalid_request_error" },
  unsupported_media_type: { status: 415, type: "invalid_request_error" },
  headers_too_large: { status: 431, type: "invalid_request_error" },
  internal_error: { status: 500, type: "server_error" },
  model_unavailable: { status: 503, type: "service_unavailable" },
  store_unavailable: { status: 503, type: "service_unavailable" },
} as const satisfies Record<string, { status: ContentfulStatusCode; type: ApiErrorType }>;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

/**
 * The JSON body of an API error; `code` and `param` only where there are ones.
 *
 * @example
 * c.json(errorBody({ message: "Bad request.", type: "invalid_request_error" }), 400);
 */
export function errorBody(error: ApiErrorBody["error"]): ApiErrorBody {
  const { message, type, code, param } = error;
  return { error: { message, type, ...(code && { code }), ...(param && { param }) } };
}

/**
 * An error that becomes an HTTP response as it is: the status and type `API_ERROR_CODES` gives
 * its code, and a message saying what to do.
 *
 * @example
 * throw new ApiError("paper_not_found", `No paper with id "${id}".`, "id");
 */
export class ApiError extends PaperchatError<ApiErrorCode> {
  override readonly name = "ApiError";
  readonly status: ContentfulStatusCode;
  readonly type: ApiErrorType;

  constructor(
    code: ApiErrorCode,
    message: string,
    readonly param?: string,
  ) {
    super(code, message);
    ({ status: this.status, type: this.type } = API_ERROR_CODES[code]);
  }

  /**
   * The JSON body for this error.
   *
   * @example
   * c.json(error.body(), error.status);
   */
  body(): ApiErrorBody {
    return errorBody(this);
  }
}

/**
 * The API error for `code`, with the status and type `API_ERROR_CODES` gives it.
 *
 * @example
 * throw apiError("paper_not_found", `No paper with id "${id}".`, "id");
 */
export function apiError(code: ApiErrorCode, message: string, param?: string): ApiError {
  return new ApiError(code, message, param);
}
