/** Hands vectors on in row order, whatever order they arrive in. */
export interface RowOrder {
  /** The vector of `row`; it goes on once every row before it has. */
  put(row: number, vector: Float32Array): void;
  /** Vectors held back, waiting for an earlier row. */
  readonly waiting: number;
  /** How many may wait before the build should let the model catch up. */
  readonly limit: number;
}

/**
 * Puts vectors back in row order: cached papers' vectors are known at once, others only when
 * the model has finished their chunk, but the graph takes row 0, 1, 2, … in order (so that its
 * element i is row i).
 *
 * @example
 * const order = createRowOrder((vector) => graph.add(vector));
 * order.put(1, b); // held
 * order.put(0, a); // a, then b, go on
 */
export function createRowOrder(onNext: (vector: Float32Array) => void, limit = 20_000): RowOrder {
  const held = new Map<number, Float32Array>();
  let next = 0;
  return {
    put(row, vector) {
      held.set(row, vector);
      for (let ready = held.get(next); ready !== undefined; ready = held.get(next)) {
        held.delete(next);
        next += 1;
        onNext(ready);
      }
    },
    get waiting() {
      return held.size;
    },
    limit,
  };
}
