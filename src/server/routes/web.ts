import { readFile, realpath, stat } from "node:fs/promises";
import { resolve, sep } from "node:path";
import type { MiddlewareHandler } from "hono";
import { getMimeType } from "hono/utils/mime";
import type { AppEnv } from "../app-context.ts";
import { resolveWebPath } from "../web/resolve-web-path.ts";
import { webAppMissingPage } from "../web/web-app-missing-page.ts";

/** Paths the API owns: never answered with a file. */
const API_PATH = /^\/(api|v1)(\/|$)/;

/** Vite puts content-hashed files under `assets/`: they never change, so caches may keep them. */
const IMMUTABLE = /^\/assets\//;

/** The file's bytes, when it is a regular file whose real path (links followed) is inside root. */
async function readInside(root: string, file: string): Promise<Buffer | undefined> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!realFile.startsWith(realRoot + sep) || !(await stat(realFile)).isFile()) return undefined;
    return await readFile(realFile);
  } catch {
    return undefined;
  }
}

/**
 * Serves the built web app (`index.html` at `/`, its assets) from `webRoot` for GET and HEAD,
 * never outside it; `/` explains how to build the app when it is missing. Anything else falls
 * through (to the JSON 404). Register it after the routes.
 *
 * @example
 * app.use("*", serveWebApp("web/dist"));
 */
export function serveWebApp(webRoot: string): MiddlewareHandler<AppEnv> {
  const root = resolve(webRoot);
  return async (c, next) => {
    if (c.req.method !== "GET" || API_PATH.test(c.req.path)) return next();
    const url = new URL(c.req.url);
    const file = resolveWebPath(root, url.pathname);
    const content = file && (await readInside(root, file));
    if (file && content) {
      return c.body(new Uint8Array(content), 200, {
        "Content-Type": getMimeType(file) ?? "application/octet-stream",
        "Cache-Control": IMMUTABLE.test(url.pathname)
          ? "public, max-age=31536000, immutable"
          : "no-cache",
        "X-Content-Type-Options": "nosniff",
      });
    }
    if (url.pathname === "/") return c.html(webAppMissingPage(url.origin));
    return next();
  };
}
