import { PaperchatError } from "../errors/paperchat-error.ts";

/** The ways a collection request can fail, each with a stable code. */
export type CollectionErrorCode =
  | "invalid-collection-name"
  | "collection-not-found"
  | "collection-exists"
  | "collection-full"
  | "paper-not-found"
  | "collections-unreadable";

/**
 * A collection that is not there, a name that is taken or invalid, a collection at its size
 * limit, a paper the index or the collection does not hold, or a collections file that cannot
 * be read; the message says what to do.
 *
 * @example
 * throw new CollectionError("collection-not-found", 'No collection named "Reading".');
 */
export class CollectionError extends PaperchatError<CollectionErrorCode> {
  override readonly name = "CollectionError";
}

/**
 * The error for a name no collection has.
 *
 * @example
 * throw collectionNotFound("Reading");
 */
export function collectionNotFound(name: string): CollectionError {
  return new CollectionError(
    "collection-not-found",
    `No collection named "${name}". Names are case-sensitive; list them with GET /api/collections (or \`paperchat collection list\`).`,
  );
}
