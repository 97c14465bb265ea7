import { createHash } from "node:crypto";
import { normalizeTitle } from "./normalize-title.ts";

/**
 * Ids a source may give, kept exactly: 1-200 characters, no control characters or lone
 * surrogates, no whitespace at either end. They may hold `/` (arXiv's `math/0501001`) and
 * anything else, so URLs carry them percent-encoded (`encodeURIComponent`).
 */
export const GIVEN_ID_PATTERN = /^(?!\s)[^\p{Cc}\p{Cs}]{1,200}(?<!\s)$/u;

const SLUG_MAX_LENGTH = 40;
const HASH_HEX_LENGTH = 6;

/**
 * A stable, URL-safe, typeable id derived from a paper's title: a slug of its first words
 * (at most 40 characters) and 6 hex digits of the SHA-256 of the normalised title, so the
 * same title always gets the same id, wherever it sits in the corpus.
 *
 * @example
 * paperId("SSD: Single Shot MultiBox Detector"); // "ssd-single-shot-multibox-detector-" + 6 hex digits
 */
export function paperId(title: string): string {
  const normalized = normalizeTitle(title);
  const hash = createHash("sha256").update(normalized).digest("hex").slice(0, HASH_HEX_LENGTH);
  const slug = titleSlug(normalized);
  return slug === "" ? `paper-${hash}` : `${slug}-${hash}`;
}

/** Lowercase ASCII words of the title, joined by '-', cut at a word boundary. */
function titleSlug(normalizedTitle: string): string {
  const words = normalizedTitle
    .normalize("NFKD")
    .replace(/[^a-z0-9 ]+/g, "")
    .split(" ")
    .filter((word) => word !== "");
  let slug = "";
  for (const word of words) {
    const next = slug === "" ? word : `${slug}-${word}`;
    if (next.length > SLUG_MAX_LENGTH) {
      return slug === "" ? word.slice(0, SLUG_MAX_LENGTH) : slug;
    }
    slug = next;
  }
  return slug;
}
