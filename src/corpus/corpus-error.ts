/**
 * A corpus file that cannot be read as asked. `message` names the file (and line, when there is
 * one) and says what to do about it.
 */
export class CorpusError extends Error {
  override readonly name = "CorpusError";

  constructor(
    message: string,
    readonly file: string,
    /** 1-based line of the problem; undefined for whole-file problems (missing, unknown format). */
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(line === undefined ? `${file}: ${message}` : `${file}:${line}: ${message}`, options);
  }
}
