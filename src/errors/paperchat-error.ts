/**
 * Every stable error code paperchat gives, by kind: a mistake in how a command was called, an
 * unusable setting, a corpus file, the embedding model, a model import, the index (one code
 * per way an index can be unusable), and a store over the network that cannot be reached for now
 * (`store-unavailable`: try again) or refuses what is asked (`store-refused`: fix what it says).
 */
export type PaperchatErrorCode =
  | "usage"
  | "configuration"
  | "corpus"
  | "model-unavailable"
  | "model-import"
  | "missing"
  | "corrupt"
  | "model-mismatch"
  | "format-mismatch"
  | "store-unavailable"
  | "store-refused";

/**
 * The base of paperchat's own errors: each carries a stable `code`, and its `message` already
 * tells the person what to do, so it is shown as it is (no stack trace). The codes are
 * `PaperchatErrorCode`s, except the HTTP API's, which the API documents (`ApiErrorCode`).
 *
 * @example
 * if (error instanceof PaperchatError && error.code === "usage") return 2;
 */
export class PaperchatError<Code extends string = PaperchatErrorCode> extends Error {
  override readonly name: string = "PaperchatError";

  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
