import { STATUS_CODES } from "node:http";
import { apiError } from "./api-error.ts";

/**
 * The answer to a request that Node's HTTP parser refused before the app saw it (URL and
 * headers beyond `maxHeaderBytes`, a request that is not HTTP, a request too slow to arrive), in
 * the API's JSON error shape, as raw HTTP/1.1 bytes that close the connection.
 *
 * @example
 * server.on("clientError", (error, socket) => socket.end(httpParserErrorResponse(error.code, 65536)));
 */
export function httpParserErrorResponse(code: string | undefined, maxHeaderBytes: number): string {
  const error =
    code === "HPE_HEADER_OVERFLOW"
      ? apiError(
          "headers_too_large",
          `The request's URL and headers are larger than ${maxHeaderBytes} bytes. Send a long question in the body of POST /api/search or POST /api/chat.`,
        )
      : code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? apiError(
            "request_timeout",
            "The request took too long to arrive. Send it again, all at once.",
          )
        : apiError(
            "malformed_http",
            "The request is not valid HTTP/1.1. Send a well-formed request line and headers.",
          );
  const body = JSON.stringify(error.body());
  return [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}`,
    "Content-Type: application/json; charset=UTF-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}
