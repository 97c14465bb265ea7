/**
 * Every stable error code paperchat gives, by kind: a mistake in how a command was called, an
 * unusable setting, a corpus file, the embedding model, a model import, and the index (one code
 * per way an index can be unusable).
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
  | "format-mismatch";

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
