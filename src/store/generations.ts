import { readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type IndexManifest, MANIFEST_FILE } from "./manifest.ts";

/** A fresh generation folder name: builds never write into the folder that is being served. */
export function newGenerationName(): string {
  return `gen-${Date.now().toString(36)}-${process.pid}`;
}

/**
 * Switches `manifest.json` to a finished generation with an atomic rename: until then the
 * previous manifest, and the generation it names, stay in force. Older generations and temp
 * files (of older or crashed builds) are removed after.
 *
 * @example
 * await switchManifest("index", manifest);
 */
export async function switchManifest(dir: string, manifest: IndexManifest): Promise<void> {
  const temp = join(dir, `${MANIFEST_FILE}.${process.pid}.tmp`);
  await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(temp, join(dir, MANIFEST_FILE));
  for (const entry of await readdir(dir)) {
    if ((entry.startsWith("gen-") && entry !== manifest.generation) || entry.endsWith(".tmp")) {
      await rm(join(dir, entry), { recursive: true, force: true });
    }
  }
}
