/**
 * The inner product of two vectors of the same length (their cosine, for unit vectors), with
 * four running sums: independent additions keep the CPU busy.
 *
 * @example
 * dotProduct(new Float32Array([1, 0]), new Float32Array([0.6, 0.8])); // 0.6
 */
export function dotProduct(a: Float32Array, b: Float32Array): number {
  const dims = a.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < dims; i += 4) {
    s0 += a[i]! * b[i]!;
    s1 += a[i + 1]! * b[i + 1]!;
    s2 += a[i + 2]! * b[i + 2]!;
    s3 += a[i + 3]! * b[i + 3]!;
  }
  for (; i < dims; i++) s0 += a[i]! * b[i]!;
  return s0 + s1 + s2 + s3;
}
