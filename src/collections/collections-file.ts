import { join, resolve } from "node:path";

/** The collections file's name inside the index folder (never a `gen-*` or `*.tmp` name). */
export const COLLECTIONS_FILE_NAME = "collections.sqlite";

/**
 * Where collections are kept: `PAPERCHAT_COLLECTIONS` when set, else `collections.sqlite` in the
 * index folder, beside its generations (a build replaces `gen-*` folders and removes `*.tmp`
 * files, never this one), so that no rebuild, resume or change of corpus touches them.
 *
 * @example
 * collectionsFile({}, "/srv/index"); // "/srv/index/collections.sqlite"
 * collectionsFile({ PAPERCHAT_COLLECTIONS: "lists.sqlite" }, "index"); // "<cwd>/lists.sqlite"
 */
export function collectionsFile(env: Record<string, string | undefined>, indexDir: string): string {
  const named = env.PAPERCHAT_COLLECTIONS?.trim();
  return resolve(named ? named : join(indexDir, COLLECTIONS_FILE_NAME));
}
