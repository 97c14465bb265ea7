/** A checkpoint paperchat cannot import; the message says what is supported and what to do. */
export class ModelImportError extends Error {
  override readonly name = "ModelImportError";
}
