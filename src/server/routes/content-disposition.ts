/**
 * A `Content-Disposition` header that saves the response as `filename`: characters no file
 * name may hold (`/`, `\\`, `:` …) as `_`, an ASCII fallback (other characters as `_` too) for
 * old clients, and the name itself in UTF-8 (RFC 6266 / 8187).
 *
 * @example
 * attachment("Lectures d'été.bib"); // `attachment; filename="Lectures d_t_.bib"; filename*=UTF-8''Lectures%20d%27%C3%A9t%C3%A9.bib`
 */
export function attachment(filename: string): string {
  const name = filename.replace(/[/\\:*?"<>|]/g, "_");
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
