import { createHash } from "node:crypto";

/**
 * The text a paper is embedded as, and whose hash keys the embedding cache: its title, a line
 * break, its abstract. Every place that embeds or hashes a paper uses this.
 *
 * @example
 * paperText({ title: "LightGCN", abstract: "Graph convolution…" }); // "LightGCN\nGraph convolution…"
 */
export function paperText(paper: { title: string; abstract: string }): string {
  return `${paper.title}\n${paper.abstract}`;
}

/**
 * Hash of the text a paper is embedded as: what finished model work is keyed by, so a paper is
 * embedded again only when its title or abstract changed (not when it moved, or its id or
 * metadata changed).
 *
 * @example
 * paperContentHash({ title: "T", abstract: "A" }); // 32 hex digits
 */
export function paperContentHash(paper: { title: string; abstract: string }): string {
  return createHash("sha256").update(paperText(paper)).digest("hex").slice(0, 32);
}
