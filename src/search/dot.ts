/**
 * Dot product of `query` with row `row` of a row-major matrix of `query.length`-d vectors
 * (for unit vectors: their cosine similarity).
 *
 * @example
 * dotRow(question, sentenceVectors, 12);
 */
export function dotRow(query: Float32Array, matrix: Float32Array, row: number): number {
  const dims = query.length;
  const offset = row * dims;
  let sum = 0;
  for (let i = 0; i < dims; i++) sum += query[i]! * matrix[offset + i]!;
  return sum;
}
