import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";

/** Size and sha256 of a file, as a manifest records them. */
export interface FileDigest {
  bytes: number;
  sha256: string;
}

/** Files up to this size are hashed whole when an index is loaded; larger ones are sampled. */
export const FULL_DIGEST_BYTES = 256 * 1024 * 1024;
const SAMPLES = 256;
const SAMPLE_BYTES = 64 * 1024;

/**
 * Size and sha256 of a file, streamed so that large files never sit in memory.
 *
 * @example
 * const { bytes, sha256 } = await fileDigest("index/gen-1/papers.hnsw");
 */
export async function fileDigest(path: string): Promise<FileDigest> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { bytes: (await stat(path)).size, sha256: hash.digest("hex") };
}

/**
 * The digest an index records for one of its files: the whole file's sha256 up to
 * `FULL_DIGEST_BYTES`; beyond that (the graph and papers of a million-paper index are gigabytes,
 * which would take seconds to hash at every start) the sha256 of 256 evenly spaced 64 KiB blocks,
 * the first and last included, so that truncation, a rewrite or damage to any sampled region is
 * caught at load.
 *
 * @example
 * await indexFileDigest("index/gen-1/papers.hnsw");
 */
export async function indexFileDigest(path: string): Promise<FileDigest> {
  const { size } = await stat(path);
  if (size <= FULL_DIGEST_BYTES) return fileDigest(path);
  const hash = createHash("sha256");
  const handle = await open(path);
  try {
    const block = Buffer.alloc(SAMPLE_BYTES);
    const last = size - SAMPLE_BYTES;
    for (let i = 0; i < SAMPLES; i++) {
      const position = Math.floor((last * i) / (SAMPLES - 1));
      const { bytesRead } = await handle.read(block, 0, SAMPLE_BYTES, position);
      hash.update(block.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return { bytes: size, sha256: `sampled:${hash.digest("hex")}` };
}
