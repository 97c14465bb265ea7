/**
 * The file name a `Content-Disposition: attachment` header gives: its UTF-8 `filename*` when
 * there is one, else its quoted `filename`; undefined when it names none.
 *
 * @example
 * attachmentName(`attachment; filename="_t_.bib"; filename*=UTF-8''%C3%A9t%C3%A9.bib`); // "été.bib"
 */
export function attachmentName(header: string | null): string | undefined {
  if (!header) return undefined;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1];
}
