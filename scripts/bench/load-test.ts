import autocannon from "autocannon";

/** What a load test measured. */
export interface LoadTestResult {
  /** Every answered request's latency in ms (time to the full response), in arrival order. */
  latenciesMs: number[];
  /** Seconds from starting the clients to the last answer (autocannon's own end lags by up to 1 s). */
  seconds: number;
  /** Connection errors, timeouts, non-2xx answers and bodies that `verifyBody` refused. */
  errors: number;
}

/**
 * Drives the server at `url` with autocannon: every one of `requests` once, in order, from
 * `connections` concurrent clients that each wait for their answer before sending the next; a
 * 2xx answer whose body `verifyBody` refuses counts as an error.
 *
 * @example
 * const result = await runLoadTest({ url, connections: 16, requests: [{ method: "GET", path: "/api/health" }] });
 */
export function runLoadTest(options: {
  url: string;
  connections: number;
  /** Each with a JSON `body` when it has one. */
  requests: readonly { method: "GET" | "POST"; path: string; body?: string }[];
  verifyBody?: (body: string) => boolean;
}): Promise<LoadTestResult> {
  const { requests, verifyBody } = options;
  let next = 0;
  const latenciesMs: number[] = [];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let lastAnswer = started;
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        amount: requests.length,
        timeout: 60,
        headers: { "content-type": "application/json" },
        verifyBody: verifyBody && ((body) => verifyBody(String(body))),
        requests: [
          { setupRequest: (request) => ({ ...request, ...requests[next++ % requests.length]! }) },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const errors = result.errors + result.non2xx + result.mismatches;
        resolve({ latenciesMs, seconds: (lastAnswer - started) / 1000, errors });
      },
    );
    instance.on("response", (_client, _status, _bytes, ms) => {
      latenciesMs.push(ms);
      lastAnswer = performance.now();
    });
  });
}
