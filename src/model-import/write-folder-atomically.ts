import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** A file to write, relative to the folder. */
export type FolderFile = { path: string; bytes: Uint8Array };

/**
 * Writes `files` into a hidden temporary sibling of `folder`, then swaps it into place, so a
 * run killed half-way never leaves a half-written folder behind at `folder`.
 *
 * @example
 * writeFolderAtomically("out/model", [{ path: "config.json", bytes }]);
 */
export function writeFolderAtomically(folder: string, files: FolderFile[]): void {
  const parent = dirname(folder);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(folder)}.tmp-`));
  chmodSync(staging, 0o755);
  try {
    for (const file of files) {
      const path = join(staging, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.bytes);
    }
    const previous = `${staging}-previous`;
    let replaced = false;
    try {
      renameSync(folder, previous);
      replaced = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    renameSync(staging, folder);
    if (replaced) rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
