/**
 * Drops a leading byte-order mark, which editors and spreadsheet exports like to add.
 *
 * @example
 * stripBom("\uFEFFtitle,abstract") === "title,abstract";
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
