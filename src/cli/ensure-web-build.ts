import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { REPOSITORY_ROOT as ROOT, WEB_DIST } from "../settings/repository.ts";

/** What the page is built from: its own sources, and the shared shapes it imports from `src/`. */
const WEB_SOURCES = [
  resolve(ROOT, "web/src"),
  resolve(ROOT, "web/index.html"),
  resolve(ROOT, "src"),
];

/** The newest modification time of the files under `paths`. */
function newestChange(paths: readonly string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stats = statSync(path);
    if (!stats.isDirectory()) {
      newest = Math.max(newest, stats.mtimeMs);
      continue;
    }
    for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (entry.isFile())
        newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * Builds the chat page with Vite when `web/dist` has no `index.html` yet (first `npm start`), or
 * when its sources changed since it was built (after a `git pull`).
 * Returns false, with the reason written to `log`, when it cannot (e.g. Vite not installed
 * because dev dependencies were omitted); the API still works without the page.
 *
 * @example
 * await ensureWebBuild((line) => process.stderr.write(line));
 */
export async function ensureWebBuild(log: (line: string) => void): Promise<boolean> {
  const built = resolve(WEB_DIST, "index.html");
  if (existsSync(built) && statSync(built).mtimeMs >= newestChange(WEB_SOURCES)) return true;
  log("Building the chat page (web/dist)…\n");
  try {
    const { build } = await import("vite");
    await build({ configFile: resolve(ROOT, "web/vite.config.ts"), logLevel: "warn" });
    return true;
  } catch (error) {
    log(
      `Could not build the chat page (${(error as Error).message}); run \`npm run build\`. The API works without it.\n`,
    );
    return false;
  }
}
