import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { resolve } from "node:path";

/** What an index remembers of a corpus file, to tell later whether it changed. */
export interface CorpusFileFingerprint {
  /** Absolute path of the file. */
  path: string;
  bytes: number;
  mtimeMs: number;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
}

/**
 * Size, modification time and SHA-256 of a corpus file. The hash is computed over a stream of
 * the file, so memory stays bounded whatever its size. File-system errors are passed on.
 *
 * @example
 * const before = await fingerprintCorpusFile("papers.jsonl");
 * const changed = (await fingerprintCorpusFile("papers.jsonl")).sha256 !== before.sha256;
 */
export async function fingerprintCorpusFile(path: string): Promise<CorpusFileFingerprint> {
  const absolute = resolve(path);
  const { size, mtimeMs } = await stat(absolute);
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(absolute)) hash.update(chunk);
  return { path: absolute, bytes: size, mtimeMs, sha256: hash.digest("hex") };
}

/**
 * True when `paths` are the files of `recorded`, in order, with the same content. Size and
 * modification time decide when they match; otherwise the content's sha256 does, so a file that
 * was only touched still counts as unchanged.
 *
 * @example
 * await corpusUnchanged(manifest.corpus.files, settings.corpusFiles);
 */
export async function corpusUnchanged(
  recorded: readonly CorpusFileFingerprint[],
  paths: readonly string[],
): Promise<boolean> {
  if (recorded.length !== paths.length) return false;
  for (const [i, file] of recorded.entries()) {
    if (file.path !== resolve(paths[i]!)) return false;
    const now = await stat(file.path).catch(() => undefined);
    if (!now || now.size !== file.bytes) return false;
    if (now.mtimeMs === file.mtimeMs) continue;
    if ((await fingerprintCorpusFile(file.path)).sha256 !== file.sha256) return false;
  }
  return true;
}
