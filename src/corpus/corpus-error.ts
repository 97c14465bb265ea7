import { PaperchatError } from "../errors/paperchat-error.ts";

/**
 * A corpus file that cannot be read as asked. `message` names the file (and line, when there is
 * one) and says what to do about it.
 */
export class CorpusError extends PaperchatError {
  override readonly name = "CorpusError";

  constructor(
    message: string,
    readonly file: string,
    /** 1-based line of the problem; undefined for whole-file problems (missing, unknown format). */
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    const where = line === undefined ? file : `${file}:${line}`;
    super("corpus", `${where}: ${message}`, options);
  }
}
