import type { CollectionError, CollectionErrorCode } from "../../collections/collection-error.ts";
import { type ApiError, type ApiErrorCode, apiError } from "./api-error.ts";

/** The API's code for each collection error a client causes. */
const API_CODES: Partial<Record<CollectionErrorCode, ApiErrorCode>> = {
  "invalid-collection-name": "invalid_value",
  "collection-not-found": "collection_not_found",
  "collection-exists": "collection_exists",
  "collection-full": "collection_full",
  "paper-not-found": "paper_not_found",
};

/**
 * The API error a collection error answers with, its message kept; undefined for the server's
 * own failures (an unreadable collections file), which are answered as 500s.
 *
 * @example
 * collectionApiError(new CollectionError("collection-exists", "…"))?.status; // 409
 */
export function collectionApiError(error: CollectionError): ApiError | undefined {
  const code = API_CODES[error.code];
  return code && apiError(code, error.message, code === "paper_not_found" ? "id" : "name");
}
