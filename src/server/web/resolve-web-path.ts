import { resolve, sep } from "node:path";

/** A path segment that must never reach the file system: dot files, `..`, separators, NUL, drives. */
const UNSAFE_SEGMENT = /^\.|[\\/\0:]/;

/**
 * Maps a request's raw URL path to a file inside `root`, or undefined when the path could leave
 * it or name something hidden: every segment is decoded once on its own (so `%2e%2e`, `%2f` and
 * `%5c` are judged as what they decode to), and `.`-prefixed, empty or separator-holding
 * segments are refused. A path ending in `/` means its `index.html`.
 *
 * @example
 * resolveWebPath("/srv/web/dist", "/assets/app.js"); // "/srv/web/dist/assets/app.js"
 * resolveWebPath("/srv/web/dist", "/..%2f..%2fetc/passwd"); // undefined
 */
export function resolveWebPath(root: string, rawPath: string): string | undefined {
  if (!rawPath.startsWith("/")) return undefined;
  const segments = rawPath.slice(1).split("/");
  if (segments.at(-1) === "") segments[segments.length - 1] = "index.html";
  const decoded: string[] = [];
  for (const segment of segments) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (name === "" || UNSAFE_SEGMENT.test(name)) return undefined;
    decoded.push(name);
  }
  const base = resolve(root);
  const path = resolve(base, ...decoded);
  return path.startsWith(base + sep) ? path : undefined;
}
