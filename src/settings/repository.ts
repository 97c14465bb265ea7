import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/**
 * The repository's root folder: where paperchat's own files (package.json, the bundled corpus,
 * the default index and model cache, the chat page) live when nothing says otherwise.
 *
 * @example
 * resolve(REPOSITORY_ROOT, "data/trending-papers.txt");
 */
export const REPOSITORY_ROOT = resolve(import.meta.dirname, "../..");

/** Where `npm run build` puts the chat page; the server serves it at `/`. */
export const WEB_DIST = resolve(REPOSITORY_ROOT, "web/dist");

/**
 * paperchat's version, from its package.json.
 *
 * @example
 * packageVersion(); // "0.1.0"
 */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(REPOSITORY_ROOT, "package.json"), "utf8"));
  return String(pkg.version);
}
