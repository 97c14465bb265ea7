/**
 * The few protobuf wire-format primitives an ONNX file needs. A message is kept as a list of
 * chunks with their total length, so nesting a 90 MB tensor never copies it until the very end.
 */
export type Encoded = { chunks: Uint8Array[]; length: number };

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;
const textEncoder = new TextEncoder();

function varint(value: number | bigint): Uint8Array {
  let rest = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest === 0n ? low : low | 0x80);
  } while (rest !== 0n);
  return Uint8Array.from(bytes);
}

function tag(field: number, wireType: number): Uint8Array {
  return varint((field << 3) | wireType);
}

/**
 * Joins encoded fields into one message.
 *
 * @example
 * message([varintField(1, 8), stringField(2, "name")]);
 */
export function message(fields: Encoded[]): Encoded {
  const chunks = fields.flatMap((field) => field.chunks);
  return { chunks, length: fields.reduce((sum, field) => sum + field.length, 0) };
}

function raw(...chunks: Uint8Array[]): Encoded {
  return { chunks, length: chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0) };
}

/** An int32/int64/enum field (negative numbers take the ten-byte two's-complement form). */
export function varintField(field: number, value: number | bigint): Encoded {
  return raw(tag(field, WIRE_VARINT), varint(value));
}

/** A float field (fixed32, little-endian). */
export function floatField(field: number, value: number): Encoded {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setFloat32(0, value, true);
  return raw(tag(field, WIRE_FIXED32), bytes);
}

/** A bytes field. */
export function bytesField(field: number, value: Uint8Array): Encoded {
  return raw(tag(field, WIRE_LENGTH_DELIMITED), varint(value.byteLength), value);
}

/** A UTF-8 string field. */
export function stringField(field: number, value: string): Encoded {
  return bytesField(field, textEncoder.encode(value));
}

/** An embedded message field. */
export function messageField(field: number, value: Encoded): Encoded {
  const header = raw(tag(field, WIRE_LENGTH_DELIMITED), varint(value.length));
  return message([header, value]);
}

/**
 * Concatenates an encoded message into the bytes of a file.
 *
 * @example
 * toBytes(message([stringField(1, "x")])); // Uint8Array [10, 1, 120]
 */
export function toBytes(encoded: Encoded): Uint8Array {
  const bytes = new Uint8Array(encoded.length);
  let offset = 0;
  for (const chunk of encoded.chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
