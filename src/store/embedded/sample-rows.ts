/** mulberry32: the same numbers in [0, 1) for the same seed, on every platform. */
function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Up to `size` distinct rows of `count`, drawn uniformly by a generator seeded with `seed`
 * (the same rows for the same seed and count), in the order drawn.
 *
 * @example
 * sampleRows(1_000_000, 3, 7); // e.g. [482113, 90211, 731006]
 */
export function sampleRows(count: number, size: number, seed: number): number[] {
  const next = seededUniform(seed);
  const wanted = Math.min(size, count);
  const drawn = new Set<number>();
  // Rejection sampling: a small sample of a large corpus rarely draws a row twice.
  while (drawn.size < wanted) drawn.add(Math.floor(next() * count));
  return [...drawn];
}
