import { readFile, writeFile } from "node:fs/promises";

/** Writes row-major float32 vectors as raw little-endian bytes. */
export async function writeVectors(path: string, vectors: Float32Array): Promise<void> {
  await writeFile(path, new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
}

/** Reads vectors written by `writeVectors`; `dims` must divide the file into whole rows. */
export async function readVectors(path: string, dims: number): Promise<Float32Array> {
  const bytes = await readFile(path);
  if (bytes.byteLength % (4 * dims) !== 0) {
    throw new RangeError(
      `${path}: ${bytes.byteLength} bytes is not a whole number of ${dims}-d vectors`,
    );
  }
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/** Packs equal-length vectors into one row-major array. */
export function packVectors(rows: readonly Float32Array[], dims: number): Float32Array {
  const packed = new Float32Array(rows.length * dims);
  rows.forEach((row, i) => {
    packed.set(row, i * dims);
  });
  return packed;
}
