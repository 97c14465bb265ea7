import { existsSync } from "node:fs";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
/** Where `npm run build` puts the chat page; the server serves it at `/`. */
export const WEB_DIST = resolve(ROOT, "web/dist");

/**
 * Builds the chat page with Vite when `web/dist` has no `index.html` yet (first `npm start`).
 * Returns false, with the reason written to `log`, when it cannot (e.g. Vite not installed
 * because dev dependencies were omitted); the API still works without the page.
 *
 * @example
 * await ensureWebBuild((line) => process.stderr.write(line));
 */
export async function ensureWebBuild(log: (line: string) => void): Promise<boolean> {
  if (existsSync(resolve(WEB_DIST, "index.html"))) return true;
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
