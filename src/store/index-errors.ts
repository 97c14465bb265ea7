import { PaperchatError, type PaperchatErrorCode } from "../errors/paperchat-error.ts";

/** Why an index could not be used; each message ends with what to do about it. */
export type IndexErrorCode = Extract<
  PaperchatErrorCode,
  "missing" | "corrupt" | "model-mismatch" | "format-mismatch"
>;

/** Thrown when a store's index cannot be used as it is (see {@link StoreLocation}): missing, damaged, of another model or format. */
export class IndexError extends PaperchatError {
  override readonly name = "IndexError";

  constructor(
    override readonly code: IndexErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
