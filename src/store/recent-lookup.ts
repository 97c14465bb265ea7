/** Options of {@link createRecentLookup}. */
export interface RecentLookupOptions<K, V> {
  /** Looks up keys (in one statement); keys it does not return get `absent`. */
  lookUp: (keys: readonly K[]) => Iterable<readonly [K, V]>;
  /** The value of a key that `lookUp` does not return (remembered too). */
  absent: V;
  /** Most keys remembered (at least the half of them most recently used are kept). */
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
 * Two generations instead of an exact least-recently-used order: keys used go to the young one,
 * and when it holds half the capacity the old one is forgotten and the young one becomes old. A
 * key asked again while young costs one map read, where an exact order moved it on every use.
 *
 * @example
 * const ids = createRecentLookup({ lookUp: idsOfRows, absent: undefined, capacity: 50_000 });
 * ids.get([3, 1, 7]).get(7); // "2401.12345"
 */
export function createRecentLookup<K, V>(options: RecentLookupOptions<K, V>): RecentLookup<K, V> {
  const { lookUp, absent, capacity } = options;
  const half = Math.max(1, Math.floor(capacity / 2));
  let young = new Map<K, V>();
  let old = new Map<K, V>();
  const remember = (key: K, value: V) => {
    young.set(key, value);
    if (young.size >= half) {
      old = young;
      young = new Map();
    }
  };
  return {
    get(keys) {
      const values = new Map<K, V>();
      const missing: K[] = [];
      for (const key of keys) {
        if (values.has(key)) continue;
        if (young.has(key)) {
          values.set(key, young.get(key) as V);
        } else if (old.has(key)) {
          const value = old.get(key) as V;
          values.set(key, value);
          remember(key, value);
        } else {
          values.set(key, absent);
          missing.push(key);
        }
      }
      if (missing.length > 0) {
        const found = new Map(lookUp(missing));
        for (const key of missing) {
          const value = found.has(key) ? (found.get(key) as V) : absent;
          values.set(key, value);
          remember(key, value);
        }
      }
      return values;
    },
    get size() {
      let size = young.size;
      for (const key of old.keys()) if (!young.has(key)) size += 1;
      return size;
    },
  };
}
