import { createHash } from "node:crypto";
import type { Paper } from "./types.ts";

/**
 * SHA-256 (hex) over the ids, titles and abstracts of `papers`, in order: equal hashes mean the
 * index built from them is still current. Metadata does not count.
 *
 * @example
 * corpusHash(papers) === storedManifest.corpusHash; // unchanged corpus, keep the index
 */
export function corpusHash(papers: readonly Paper[]): string {
  const hash = createHash("sha256");
  for (const { id, title, abstract } of papers) {
    hash.update(JSON.stringify([id, title, abstract]));
    hash.update("\n");
  }
  return hash.digest("hex");
}
