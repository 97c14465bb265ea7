/**
 * The inner product of `a` with the `a.length` values of `b` from `at` on (their cosine, for unit
 * vectors; `b` may pack many vectors), with four running sums: independent additions keep the
 * CPU busy (about twice as fast as one sum).
 *
 * @example
 * dotProduct(new Float32Array([1, 0]), new Float32Array([0.6, 0.8])); // 0.6
 * dotProduct(question, packed, row * 384); // the cosine with the row-th vector of a packed list
 */
export function dotProduct(a: Float32Array, b: Float32Array, at = 0): number {
  const dims = a.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < dims; i += 4) {
    s0 += a[i]! * b[at + i]!;
    s1 += a[i + 1]! * b[at + i + 1]!;
    s2 += a[i + 2]! * b[at + i + 2]!;
    s3 += a[i + 3]! * b[at + i + 3]!;
  }
  for (; i < dims; i++) s0 += a[i]! * b[at + i]!;
  return s0 + s1 + s2 + s3;
}
