import type { ContentfulStatusCode } from "hono/utils/http-status";

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

/** An error that becomes an HTTP response as it is: its status and a message saying what to do. */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: ApiErrorType,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }

  /**
   * The JSON body for this error.
   *
   * @example
   * c.json(error.body(), error.status);
   */
  body(): ApiErrorBody {
    const { message, type, code, param } = this;
    return { error: { message, type, ...(code && { code }), ...(param && { param }) } };
  }
}
