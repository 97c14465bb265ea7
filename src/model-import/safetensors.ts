import { readFileSync } from "node:fs";

/** One tensor of a safetensors file, widened to float32 (row-major, as stored). */
export type FloatTensor = { shape: number[]; values: Float32Array };

/** The tensors of a safetensors file, by name. */
export type SafetensorsFile = {
  /** Every tensor name in the file (metadata excluded). */
  names: string[];
  /** The tensor's shape as stored, or undefined when the file has no such tensor. */
  shapeOf(name: string): number[] | undefined;
  /** Reads a floating-point tensor as float32; throws for missing or non-float tensors. */
  floatTensor(name: string): FloatTensor;
};

type HeaderEntry = { dtype: string; shape: number[]; data_offsets: [number, number] };

/** The floating-point dtypes read, with their byte widths. */
const FLOAT_WIDTH: Record<string, number> = { F32: 4, F16: 2, BF16: 2 };
const HEADER_LENGTH_BYTES = 8;
const MAX_HEADER_BYTES = 100_000_000;

/**
 * A half-precision (IEEE 754 binary16) number as a JavaScript number.
 *
 * @example
 * float16ToNumber(0x3c00); // 1
 */
export function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function decodeFloats(dtype: string, bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = bytes.byteLength / FLOAT_WIDTH[dtype]!;
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    if (dtype === "F32") values[i] = view.getFloat32(i * 4, true);
    else if (dtype === "F16") values[i] = float16ToNumber(view.getUint16(i * 2, true));
    else {
      // bfloat16 is the top half of a float32.
      const widened = new DataView(new ArrayBuffer(4));
      widened.setUint16(0, view.getUint16(i * 2, true), false);
      values[i] = widened.getFloat32(0, false);
    }
  }
  return values;
}

/**
 * Parses a safetensors file: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range, then the raw little-endian data.
 *
 * @example
 * const file = parseSafetensors(readFileSync("model.safetensors"));
 * file.floatTensor("embeddings.word_embeddings.weight").shape; // [30522, 384]
 */
export function parseSafetensors(bytes: Uint8Array, source = "safetensors file"): SafetensorsFile {
  const fail = (problem: string): never => {
    throw new Error(`${source} is not a valid safetensors file: ${problem}`);
  };
  if (bytes.byteLength < HEADER_LENGTH_BYTES) fail("it is shorter than its 8-byte header length");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  const dataStart = HEADER_LENGTH_BYTES + headerLength;
  if (headerLength > MAX_HEADER_BYTES || dataStart > bytes.byteLength)
    fail(`its header length (${headerLength} bytes) runs past the end of the file`);
  let header: Record<string, HeaderEntry>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER_LENGTH_BYTES, dataStart)));
  } catch {
    return fail("its header is not JSON");
  }
  const names = Object.keys(header).filter((name) => name !== "__metadata__");
  const entry = (name: string): HeaderEntry | undefined =>
    name === "__metadata__" ? undefined : header[name];

  return {
    names,
    shapeOf: (name) => entry(name)?.shape,
    floatTensor(name) {
      const found = entry(name) ?? fail(`it has no tensor "${name}"`);
      const width = FLOAT_WIDTH[found.dtype];
      if (!width) return fail(`tensor "${name}" is ${found.dtype}, not F32, F16 or BF16`);
      const [begin, end] = found.data_offsets;
      const count = found.shape.reduce((product, dim) => product * dim, 1);
      if (end - begin !== count * width || dataStart + end > bytes.byteLength)
        fail(`tensor "${name}" has a byte range that does not match its shape`);
      return {
        shape: found.shape,
        values: decodeFloats(found.dtype, bytes.subarray(dataStart + begin, dataStart + end)),
      };
    },
  };
}

/**
 * Reads and parses a safetensors file from disk.
 *
 * @example
 * readSafetensors("model/model.safetensors").names.length; // 101
 */
export function readSafetensors(path: string): SafetensorsFile {
  return parseSafetensors(readFileSync(path), path);
}
