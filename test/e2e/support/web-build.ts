import { resolve } from "node:path";
import { build } from "vite";

const ROOT = resolve(import.meta.dirname, "../../..");

/**
 * Builds the chat page from the current sources with the project's Vite config (`npm run build`)
 * into `outDir`. Tests build their own copy so that they never test a stale `web/dist` and
 * never race another test that serves it.
 *
 * @example
 * await buildWebApp(tempDir("paperchat-web-"));
 */
export async function buildWebApp(outDir: string): Promise<string> {
  await build({
    configFile: resolve(ROOT, "web/vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
