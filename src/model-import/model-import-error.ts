import { PaperchatError } from "../errors/paperchat-error.ts";

/** A checkpoint paperchat cannot import; the message says what is supported and what to do. */
export class ModelImportError extends PaperchatError {
  override readonly name = "ModelImportError";

  constructor(message: string) {
    super("model-import", message);
  }
}
