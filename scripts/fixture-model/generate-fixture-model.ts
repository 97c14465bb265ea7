import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { writeFolderAtomically } from "../../src/model-import/write-folder-atomically.ts";
import type { FixtureSpec } from "./fixture-specs.ts";
import { fixtureStamp, generatorFingerprint, isUpToDate, STAMP_FILE } from "./fixture-stamp.ts";
import { fixtureModelFiles } from "./model-files.ts";

export type GenerateFixtureOptions = {
  spec: FixtureSpec;
  /** The folder the model folder goes into (the model lands in `outDir/spec.name`). */
  outDir: string;
  /** The text the vocabulary is drawn from (the bundled corpus). */
  corpusText: string;
  /** Leave a folder alone when it already holds this generator's complete output. */
  ifMissing?: boolean;
};

export type GenerateFixtureResult = {
  folder: string;
  status: "written" | "up-to-date";
  /** The folder's size on disk, stamp included. */
  bytes: number;
};

/**
 * Generates one fixture model folder (deterministically: the same inputs give byte-identical
 * files), written atomically and stamped with `paperchat-fixture.json`.
 *
 * @example
 * const { folder } = generateFixtureModel({ spec: TINY_BERT, outDir: "test/fixtures/models", corpusText });
 * await pipeline("feature-extraction", folder);
 */
export function generateFixtureModel(options: GenerateFixtureOptions): GenerateFixtureResult {
  const folder = join(options.outDir, options.spec.name);
  const fingerprint = generatorFingerprint(options.spec, options.corpusText);
  if (options.ifMissing && isUpToDate(folder, fingerprint))
    return { folder, status: "up-to-date", bytes: folderBytes(folder) };

  const files = fixtureModelFiles(options.spec, options.corpusText);
  const stamp = new TextEncoder().encode(
    `${JSON.stringify(fixtureStamp(fingerprint, files), null, 2)}\n`,
  );
  writeFolderAtomically(folder, [...files, { path: STAMP_FILE, bytes: stamp }]);
  return { folder, status: "written", bytes: folderBytes(folder) };
}

/** The bytes of every file under a folder. */
function folderBytes(folder: string): number {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .map((path) => statSync(join(folder, path)))
    .filter((stats) => stats.isFile())
    .reduce((sum, stats) => sum + stats.size, 0);
}
