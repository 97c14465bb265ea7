/** Writes items in row order, whatever order they arrive in, one at a time. */
export interface RowOrder<T> {
  /** The item of `row`; it is written once every row before it has been. */
  put(row: number, item: T): void;
  /** Items held back, waiting for an earlier row. */
  readonly waiting: number;
  /** Resolves when every item that can be written has been; rejects if a write failed. */
  settled(): Promise<void>;
  /** Throws the error of a write that failed, if one did (without waiting). */
  check(): void;
}

/**
 * Puts items back in row order for a writer that takes rows 0, 1, 2, … in order (so that a
 * graph's element i is row i): cached papers are known at once, others only when the model has
 * finished their chunk. Writes are serialised: `write` never runs twice at once.
 *
 * @example
 * const order = createRowOrder((item) => target.add(item.record, item.embedding));
 * order.put(1, b); // held
 * order.put(0, a); // a, then b, are written
 * await order.settled();
 */
export function createRowOrder<T>(write: (item: T) => Promise<void>): RowOrder<T> {
  const held = new Map<number, T>();
  let next = 0;
  let writing: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  const drain = async () => {
    for (let item = held.get(next); item !== undefined && !failure; item = held.get(next)) {
      held.delete(next);
      next += 1;
      await write(item);
    }
  };
  return {
    put(row, item) {
      held.set(row, item);
      if (row !== next) return;
      writing = writing.then(drain).catch((error: unknown) => {
        failure ??= { error };
      });
    },
    get waiting() {
      return held.size;
    },
    settled: () =>
      writing.then(() => {
        if (failure) throw failure.error;
      }),
    check() {
      if (failure) throw failure.error;
    },
  };
}
