import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { FixtureSpec } from "./fixture-specs.ts";
import type { ModelFile } from "./model-files.ts";

/** The stamp's file name inside a generated folder. */
export const STAMP_FILE = "paperchat-fixture.json";

/** What the stamp records: which generator made the folder, and every file's size and hash. */
export type FixtureStamp = {
  generator: string;
  fingerprint: string;
  files: Array<{ path: string; bytes: number; sha256: string }>;
};

// The folders whose sources shape the generated files.
const SOURCE_DIRS = [import.meta.dirname, join(import.meta.dirname, "../../src/model-import")];

const sha256 = (data: string | Uint8Array): string =>
  createHash("sha256").update(data).digest("hex");

/**
 * A hash of everything the output depends on: the generator's own sources (this folder and the
 * ONNX BERT writer in `src/model-import/`), the spec and the corpus. Editing the generator therefore makes `--if-missing` regenerate.
 *
 * @example
 * generatorFingerprint(TINY_BERT, corpusText); // "3f1c…"
 */
export function generatorFingerprint(spec: FixtureSpec, corpusText: string): string {
  const sources = SOURCE_DIRS.flatMap((sourceDir) =>
    readdirSync(sourceDir, { recursive: true, encoding: "utf8" })
      .filter((path) => path.endsWith(".ts"))
      .sort()
      .map((path) => `${path}\n${readFileSync(join(sourceDir, path), "utf8")}`),
  );
  return sha256([...sources, JSON.stringify(spec), corpusText].join("\0"));
}

/**
 * The stamp for a set of generated files.
 *
 * @example
 * fixtureStamp(fingerprint, files).files[0]; // { path: "config.json", bytes: 462, sha256: "…" }
 */
export function fixtureStamp(fingerprint: string, files: ModelFile[]): FixtureStamp {
  return {
    generator: "scripts/generate-fixture-models.ts",
    fingerprint,
    files: files.map((file) => ({
      path: file.path,
      bytes: file.bytes.byteLength,
      sha256: sha256(file.bytes),
    })),
  };
}

/**
 * Whether `folder` holds a complete model made by the generator with this fingerprint (every
 * file named in its stamp present with the stamped size).
 *
 * @example
 * if (isUpToDate("test/fixtures/models/paperchat-tiny-bert", fingerprint)) skip();
 */
export function isUpToDate(folder: string, fingerprint: string): boolean {
  const stampPath = join(folder, STAMP_FILE);
  if (!existsSync(stampPath)) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampPath, "utf8")) as FixtureStamp;
    return (
      stamp.fingerprint === fingerprint &&
      stamp.files.every((file) => {
        const path = join(folder, file.path);
        return existsSync(path) && statSync(path).size === file.bytes;
      })
    );
  } catch {
    return false;
  }
}
