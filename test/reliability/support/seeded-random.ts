/** A deterministic source of random choices: the same seed gives the same sequence. */
export interface SeededRandom {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/**
 * A seeded PRNG (mulberry32): fast, 32-bit state, good enough to drive a fuzzer reproducibly.
 *
 * @example
 * const random = seededRandom(42);
 * random.int(1, 6); // the same number on every run with seed 42
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

/**
 * The seed for this run: `PAPERCHAT_FUZZ_SEED` when set (to replay a failure), else `fallback`.
 *
 * @example
 * const seed = fuzzSeed(process.env, 20240601);
 */
export function fuzzSeed(env: Record<string, string | undefined>, fallback: number): number {
  const fromEnv = env.PAPERCHAT_FUZZ_SEED;
  if (fromEnv === undefined || fromEnv === "") return fallback;
  const seed = Number(fromEnv);
  if (!Number.isInteger(seed))
    throw new RangeError(`PAPERCHAT_FUZZ_SEED must be an integer, got "${fromEnv}"`);
  return seed;
}
