/**
 * The form of a title used to recognise the same paper twice: Unicode-compatible, lowercase,
 * letters and digits only, single spaces.
 *
 * @example
 * normalizeTitle("  SSD:  Single Shot MultiBox Detector ") === normalizeTitle("ssd single shot multibox detector");
 */
export function normalizeTitle(title: string): string {
  return title
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
