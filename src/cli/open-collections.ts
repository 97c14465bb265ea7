import { type CollectionStore, openCollectionStore } from "../collections/collection-store.ts";
import { collectionsFile } from "../collections/collections-file.ts";
import { resolveSettings } from "../settings/settings.ts";
import type { CliIo } from "./cli-io.ts";
import type { CommandLine } from "./parse-command-line.ts";

/**
 * Opens the collections a command works on: `PAPERCHAT_COLLECTIONS`, else the file in the
 * index folder (`--index-dir`, `PAPERCHAT_INDEX_DIR`), as the server does.
 *
 * @example
 * const collections = openCollections(line, io);
 */
export function openCollections(line: CommandLine, io: CliIo): CollectionStore {
  const { indexDir } = resolveSettings(io.env, line.overrides);
  return openCollectionStore(collectionsFile(io.env, indexDir));
}
