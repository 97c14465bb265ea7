/**
 * Min-max normalisation: each value's place between the smallest (0) and the largest (1) of
 * `values`. When they are all equal, each becomes `whenEqual`: 1 for a ranking's candidates
 * (each is as good as the best), 0 for evidence that tells nothing apart.
 *
 * @example
 * minMax([2, 4, 3], 1); // [0, 1, 0.5]
 * minMax([5, 5], 0); // [0, 0]
 */
export function minMax(values: ArrayLike<number>, whenEqual: number): Float64Array {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! < low) low = values[i]!;
    if (values[i]! > high) high = values[i]!;
  }
  const span = high - low;
  const scaled = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    scaled[i] = span > 0 ? (values[i]! - low) / span : whenEqual;
  }
  return scaled;
}
