/** Options of `createRecentLookup`. */
export interface RecentLookupOptions<K, V> {
  /** Looks up keys (in one statement); keys it does not return get `absent`. */
  lookUp: (keys: readonly K[]) => Iterable<readonly [K, V]>;
  /** The value of a key that `lookUp` does not return (remembered too). */
  absent: V;
  /** Most keys remembered; the least recently used go first. */
  capacity: number;
}

/** A look-up that remembers its most recently used answers. */
export interface RecentLookup<K, V> {
  /** The values of the distinct keys, in the order given, looking up only those not remembered. */
  get(keys: Iterable<K>): Map<K, V>;
  /** How many keys are remembered. */
  readonly size: number;
}

/**
 * Wraps a batched look-up of a read-only index with a bounded memory of recent answers. Search
 * asks for the same rows and words question after question (all of them, in a small corpus),
 * and each answer remembered saves a statement that would otherwise run on database pages the
 * model's pass has just evicted from the CPU caches.
 *
 * @example
 * const ids = createRecentLookup({ lookUp: idsOfRows, absent: undefined, capacity: 50_000 });
 * ids.get([3, 1, 7]).get(7); // "2401.12345"
 */
export function createRecentLookup<K, V>(options: RecentLookupOptions<K, V>): RecentLookup<K, V> {
  const { lookUp, absent, capacity } = options;
  const remembered = new Map<K, V>();
  const remember = (key: K, value: V) => {
    // Re-inserting moves a key to the end, so the first key is the least recently used.
    remembered.delete(key);
    remembered.set(key, value);
    if (remembered.size > capacity) remembered.delete(remembered.keys().next().value as K);
  };
  return {
    get(keys) {
      const distinct = new Set(keys);
      const missing = [...distinct].filter((key) => !remembered.has(key));
      const found = new Map(missing.length > 0 ? lookUp(missing) : []);
      const values = new Map<K, V>();
      for (const key of distinct) {
        const value = remembered.has(key)
          ? (remembered.get(key) as V)
          : found.has(key)
            ? (found.get(key) as V)
            : absent;
        values.set(key, value);
        remember(key, value);
      }
      return values;
    },
    get size() {
      return remembered.size;
    },
  };
}
