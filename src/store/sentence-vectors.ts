/**
 * Sentence vectors as stored: int8 with one float32 scale per sentence, a quarter of float32's
 * size (a million abstracts have about eight million sentences). Per sentence: the scale
 * (4 bytes, little-endian) then `dims` signed bytes; component i ≈ scale × byte i.
 */

/** Bytes one sentence vector takes. */
export function sentenceVectorBytes(dims: number): number {
  return 4 + dims;
}

/**
 * Quantizes unit vectors to int8, each scaled by its own largest component.
 *
 * @example
 * const packed = quantizeSentenceVectors([vector1, vector2], 384); // 2 × 388 bytes
 */
export function quantizeSentenceVectors(
  vectors: readonly Float32Array[],
  dims: number,
): Uint8Array {
  const stride = sentenceVectorBytes(dims);
  const packed = new Uint8Array(vectors.length * stride);
  const view = new DataView(packed.buffer);
  const values = new Int8Array(packed.buffer);
  vectors.forEach((vector, s) => {
    let largest = 0;
    for (let i = 0; i < dims; i++) largest = Math.max(largest, Math.abs(vector[i]!));
    const scale = largest / 127;
    view.setFloat32(s * stride, scale, true);
    const at = s * stride + 4;
    for (let i = 0; i < dims; i++) values[at + i] = scale ? Math.round(vector[i]! / scale) : 0;
  });
  return packed;
}

/**
 * Dot products of a question vector with every sentence vector of a packed list (for unit
 * vectors: their cosine similarity, to about 3 decimals).
 *
 * @example
 * sentenceScores(packed, question); // [0.61, 0.32, …]
 */
export function sentenceScores(packed: Uint8Array, query: Float32Array): number[] {
  const dims = query.length;
  const stride = sentenceVectorBytes(dims);
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const values = new Int8Array(packed.buffer, packed.byteOffset, packed.byteLength);
  const scores: number[] = [];
  for (let at = 0; at + stride <= packed.byteLength; at += stride) {
    let sum = 0;
    for (let i = 0; i < dims; i++) sum += query[i]! * values[at + 4 + i]!;
    scores.push(sum * view.getFloat32(at, true));
  }
  return scores;
}
