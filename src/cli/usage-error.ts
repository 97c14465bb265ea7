import { PaperchatError } from "../errors/paperchat-error.ts";

/** A mistake in how the command was called: exit code 2, with the command's usage. */
export class UsageError extends PaperchatError {
  override readonly name = "UsageError";

  constructor(message: string) {
    super("usage", message);
  }
}
