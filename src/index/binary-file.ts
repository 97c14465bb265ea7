import { readFile, writeFile } from "node:fs/promises";

/** Writes a typed array as its raw (little-endian on every platform Node ships for) bytes. */
export async function writeBinary(path: string, array: Float32Array | Uint32Array): Promise<void> {
  await writeFile(path, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
}

/**
 * Reads a file written by `writeBinary` back into a typed array of `type`. With `rowLength`,
 * the file must hold whole rows of that many elements.
 *
 * @example
 * const vectors = await readBinary("paper-vectors.f32", Float32Array, 384);
 */
export async function readBinary<T extends Float32Array | Uint32Array>(
  path: string,
  type: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
  rowLength = 1,
): Promise<T> {
  const bytes = await readFile(path);
  if (bytes.byteLength % (type.BYTES_PER_ELEMENT * rowLength) !== 0) {
    throw new RangeError(
      `${path}: ${bytes.byteLength} bytes is not a whole number of rows of ${rowLength}`,
    );
  }
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new type(copy.buffer);
}

/** Packs equal-length vectors into one row-major array. */
export function packVectors(rows: readonly Float32Array[], dims: number): Float32Array {
  const packed = new Float32Array(rows.length * dims);
  for (const [i, row] of rows.entries()) packed.set(row, i * dims);
  return packed;
}
