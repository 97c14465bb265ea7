import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

/**
 * Size and sha256 of a file, streamed so that large vector files never sit in memory twice.
 *
 * @example
 * const { bytes, sha256 } = await fileDigest("index/gen-1/papers.hnsw");
 */
export async function fileDigest(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { bytes: (await stat(path)).size, sha256: hash.digest("hex") };
}
