import { PaperchatError } from "../errors/paperchat-error.ts";

/** Thrown when the embedding model cannot be loaded; `message` says what to put where. */
export class ModelUnavailableError extends PaperchatError {
  override readonly name = "ModelUnavailableError";

  constructor(
    message: string,
    readonly model: string,
    options?: { cause?: unknown },
  ) {
    super("model-unavailable", message, options);
  }
}
