import { PaperchatError } from "../errors/paperchat-error.ts";

/**
 * A setting that cannot be used (an environment variable, a port); the message names it and
 * says what a usable value looks like.
 */
export class ConfigurationError extends PaperchatError {
  override readonly name = "ConfigurationError";

  constructor(message: string, options?: { cause?: unknown }) {
    super("configuration", message, options);
  }
}
