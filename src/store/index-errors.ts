/** Why an index could not be used; each message ends with what to do about it. */
export type IndexErrorCode = "missing" | "corrupt" | "model-mismatch" | "format-mismatch";

/** Thrown by `loadIndex` when the index on disk cannot be used as it is. */
export class IndexError extends Error {
  override readonly name = "IndexError";

  constructor(
    readonly code: IndexErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
