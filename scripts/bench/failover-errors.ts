/** One search sent while a node was killed: when it left, and what came back. */
export interface SearchOutcome {
  /** Milliseconds from the start of the run to sending it. */
  sentAt: number;
  /** The HTTP status; undefined when no answer came in time (a hang) or the connection failed. */
  status?: number;
  /** Whether the answer carried a `Retry-After` header. */
  retryAfter: boolean;
}

/** Failover errors, before the cluster had failed over and after. */
export interface FailoverErrors {
  /** Sent before `windowEndsAt`: answers other than a 2xx or a 503 with `Retry-After`, and hangs. */
  inWindow: number;
  /** Sent from `windowEndsAt` on: anything but a 2xx, hangs included. */
  afterWindow: number;
  /** 503s with `Retry-After` sent in the window (what the server is meant to answer there). */
  retryLater: number;
}

/**
 * Counts what the failover figure counts in searches sent while a node of the cluster died:
 * during the failover window (until the cluster reports the node gone and has its shards
 * again, `windowEndsAt`) a 503 with `Retry-After` is the expected answer and not an error, but
 * any other 5xx or a hang is; after the window every search must answer 2xx.
 *
 * @example
 * countFailoverErrors([{ sentAt: 10, status: 503, retryAfter: true }, { sentAt: 900, status: 500, retryAfter: false }], 500);
 * // { inWindow: 0, afterWindow: 1, retryLater: 1 }
 */
export function countFailoverErrors(
  outcomes: readonly SearchOutcome[],
  windowEndsAt: number,
): FailoverErrors {
  const counts = { inWindow: 0, afterWindow: 0, retryLater: 0 };
  for (const { sentAt, status, retryAfter } of outcomes) {
    const ok = status !== undefined && status >= 200 && status < 300;
    if (sentAt >= windowEndsAt) {
      if (!ok) counts.afterWindow += 1;
    } else if (status === 503 && retryAfter) {
      counts.retryLater += 1;
    } else if (!ok && (status === undefined || status >= 500)) {
      counts.inWindow += 1;
    }
  }
  return counts;
}
