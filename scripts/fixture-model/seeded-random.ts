/**
 * mulberry32: a seeded sampler of numbers in [0, 1), the same stream for the same seed on every
 * platform.
 *
 * @example
 * const next = uniformSampler(2024);
 * next(); // the same number on every run
 */
export function uniformSampler(seed: number): () => number {
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
 * A seeded standard-normal sampler: `uniformSampler` for uniform numbers, Box-Muller for the
 * Gaussian. The same seed yields the same sequence on every platform (V8's Math.log/cos/sin are
 * fdlibm ports).
 *
 * @example
 * const next = gaussianSampler(42);
 * next(); // the same number on every run
 */
export function gaussianSampler(seed: number): () => number {
  const uniform = uniformSampler(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/**
 * A stable 32-bit seed for a named stream (FNV-1a over the name, mixed with a base seed), so
 * every weight tensor draws from its own stream and adding a tensor never shifts another one.
 *
 * @example
 * seedFor(7, "embeddings.word_embeddings.weight");
 */
export function seedFor(baseSeed: number, name: string): number {
  let hash = (0x811c9dc5 ^ baseSeed) >>> 0;
  for (const char of name) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
