/** How often the time a request has waited is counted; a longer gap counts as one tick. */
const TICK_MS = 250;

/** An abort signal for a request, and the call that stops counting once it has settled. */
export interface FreeTimeSignal {
  signal: AbortSignal;
  done(): void;
}

/**
 * An abort signal that fires (with a `TimeoutError`, as `AbortSignal.timeout` does) once a
 * request has waited `ms` of time in which this thread was free to read its answer. Stretches in
 * which the thread was busy (a synchronous model pass during a build) count as one tick, so an
 * answer that arrived meanwhile is read rather than given up.
 *
 * @example
 * const timeout = freeTimeSignal(30_000);
 * try { await exchange({ method: "GET", url, headers: {}, signal: timeout.signal }); } finally { timeout.done(); }
 */
export function freeTimeSignal(ms: number): FreeTimeSignal {
  const controller = new AbortController();
  let waited = 0;
  let last = performance.now();
  const timer = setInterval(
    () => {
      const now = performance.now();
      waited += Math.min(now - last, TICK_MS);
      last = now;
      if (waited >= ms) {
        clearInterval(timer);
        controller.abort(new DOMException(`no answer within ${ms} ms`, "TimeoutError"));
      }
    },
    Math.min(TICK_MS, ms),
  );
  return { signal: controller.signal, done: () => clearInterval(timer) };
}
