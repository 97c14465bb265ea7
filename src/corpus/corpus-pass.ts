import { createHash, type Hash } from "node:crypto";
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { CorpusFileFingerprint } from "./corpus-fingerprint.ts";
import { checkCorpusFiles, type StreamCorpusOptions, streamCorpus } from "./stream-corpus.ts";
import type { LocatedPaper } from "./types.ts";

/** One read of a corpus: its papers, how far the read is, and the files' fingerprints. */
export interface CorpusPass {
  papers: AsyncGenerator<LocatedPaper>;
  /** Bytes of all the files (their sizes before the read). */
  readonly totalBytes: number;
  /** Bytes read so far (up to the last paper yielded). */
  readonly bytesRead: number;
  /**
   * About how many papers the corpus holds, from the papers and bytes read so far (exact once
   * the read is done): progress and ETA need no pass of their own.
   */
  estimatedPapers(papersSoFar: number): number;
  /** Size, modification time and sha256 of each file, hashed as it was read; once `papers` is done. */
  fingerprints(): CorpusFileFingerprint[];
}

/**
 * Reads a corpus once: the papers {@link streamCorpus} yields, while the same bytes are hashed for
 * the files' fingerprints and counted for progress. A build never reads a corpus file twice
 * (the 4 GB arXiv snapshot takes seconds per read).
 *
 * @example
 * const pass = await readCorpusOnce(["arxiv.jsonl"]);
 * for await (const { paper } of pass.papers) store(paper);
 * manifest.corpus.files = pass.fingerprints();
 */
export async function readCorpusOnce(
  files: readonly string[],
  options: Omit<StreamCorpusOptions, "observe"> = {},
): Promise<CorpusPass> {
  const paths = files.map((file) => resolve(file));
  await checkCorpusFiles(paths, options.format);
  const stats = await Promise.all(paths.map((path) => stat(path)));
  const hashes = new Map<string, Hash>(paths.map((path) => [path, createHash("sha256")]));
  const totalBytes = stats.reduce((sum, s) => sum + s.size, 0);
  let bytesRead = 0;
  let done = false;
  let fingerprints: CorpusFileFingerprint[] | undefined;
  const papers = streamCorpus(paths, {
    ...options,
    observe: (file) => ({
      chunk: (bytes) => void hashes.get(file)?.update(bytes),
      consumed: (bytes) => {
        bytesRead += bytes;
      },
    }),
  });
  async function* reading() {
    yield* papers;
    done = true;
  }
  return {
    papers: reading(),
    totalBytes,
    get bytesRead() {
      return bytesRead;
    },
    estimatedPapers(papersSoFar) {
      if (done || bytesRead === 0) return papersSoFar;
      return Math.max(papersSoFar, Math.round((papersSoFar * totalBytes) / bytesRead));
    },
    fingerprints() {
      if (!done) throw new Error("the corpus has not been read to its end yet");
      fingerprints ??= paths.map((path, i) => ({
        path,
        bytes: stats[i]!.size,
        mtimeMs: stats[i]!.mtimeMs,
        sha256: hashes.get(path)!.copy().digest("hex"),
      }));
      return fingerprints;
    },
  };
}
