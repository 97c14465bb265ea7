import autocannon from "autocannon";

/** One HTTP request of a load test. */
export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  /** A JSON body. */
  body?: string;
}

export interface LoadTestOptions {
  url: string;
  /** Clients sending at the same time, each waiting for its answer before the next request. */
  connections: number;
  /** Sent in this order, each once, spread over the clients as they become free. */
  requests: readonly LoadRequest[];
  /** Judges a 2xx body; a `false` counts as an error. */
  verifyBody?: (body: string) => boolean;
}

export interface LoadTestResult {
  /** Every answered request's latency in ms (time to the full response), in arrival order. */
  latenciesMs: number[];
  /** Seconds from starting the clients to the last answer (autocannon's own end lags by up to 1 s). */
  seconds: number;
  /** Connection errors, timeouts, non-2xx answers and bodies that failed `verifyBody`. */
  errors: number;
}

/**
 * Drives a server with autocannon: every request of `requests` once, from `connections`
 * concurrent clients, collecting each response's latency.
 *
 * @example
 * const result = await runLoadTest({ url, connections: 16, requests: [{ method: "GET", path: "/api/health" }] });
 */
export function runLoadTest(options: LoadTestOptions): Promise<LoadTestResult> {
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
        const seconds = (lastAnswer - started) / 1000;
        resolve({
          latenciesMs,
          seconds,
          errors: result.errors + result.non2xx + result.mismatches,
        });
      },
    );
    instance.on("response", (_client, _status, _bytes, ms) => {
      latenciesMs.push(ms);
      lastAnswer = performance.now();
    });
  });
}
