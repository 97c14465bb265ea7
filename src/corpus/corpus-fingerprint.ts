import { stat } from "node:fs/promises";
import { fileDigest } from "../store/file-digest.ts";
import type { CorpusFileFingerprint } from "../store/manifest.ts";

/**
 * What an index remembers of a corpus file: size, modification time and sha256 (streamed).
 *
 * @example
 * await fingerprintCorpusFile("/data/arxiv.jsonl"); // { path, bytes, mtimeMs, sha256 }
 */
export async function fingerprintCorpusFile(path: string): Promise<CorpusFileFingerprint> {
  const { mtimeMs } = await stat(path);
  const { bytes, sha256 } = await fileDigest(path);
  return { path, bytes, mtimeMs, sha256 };
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
    if (file.path !== paths[i]) return false;
    const now = await stat(file.path).catch(() => undefined);
    if (!now || now.size !== file.bytes) return false;
    if (now.mtimeMs === file.mtimeMs) continue;
    if ((await fileDigest(file.path)).sha256 !== file.sha256) return false;
  }
  return true;
}
