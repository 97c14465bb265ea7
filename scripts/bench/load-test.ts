import autocannon from "autocannon";

/** One HTTP request of a load test. */
export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  /** A JSON body (sent with `content-type: application/json`). */
  body?: string;
}

export interface LoadTestOptions {
  url: string;
  /** Clients sending at the same time, each waiting for its answer before the next request. */
  connections: number;
  /** Sent in this order, each once, spread over the clients as they become free. */
  requests: readonly LoadRequest[];
  /** Judges a 2xx body; a `false` counts as an error (`mismatches`). */
  verifyBody?: (body: string) => boolean;
}

export interface LoadTestResult {
  /** Every answered request's latency in ms (time to the full response), in arrival order. */
  latenciesMs: number[];
  /** Every answered request's size in bytes (status line, headers and body), in arrival order. */
  responseBytes: number[];
  /** Seconds from starting the clients to the last answer (autocannon's own end lags by up to 1 s). */
  seconds: number;
  /** Connection errors, timeouts, non-2xx answers and bodies that failed `verifyBody`. */
  errors: { connection: number; timeouts: number; non2xx: number; mismatches: number };
}

/**
 * Drives a server with `autocannon` (programmatically): every request of `requests` once, from
 * `connections` concurrent clients, collecting each response's latency.
 *
 * @example
 * const result = await runLoadTest({ url, connections: 16, requests: [{ method: "GET", path: "/api/health" }] });
 */
export function runLoadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const { requests } = options;
  let next = 0;
  const latenciesMs: number[] = [];
  const responseBytes: number[] = [];
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
        verifyBody: options.verifyBody && ((body) => options.verifyBody!(String(body))),
        requests: [
          {
            setupRequest: (request) => {
              const { method, path, body } = requests[next++ % requests.length]!;
              return { ...request, method, path, body };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          latenciesMs,
          responseBytes,
          seconds: (lastAnswer - started) / 1000,
          errors: {
            connection: result.errors - result.timeouts,
            timeouts: result.timeouts,
            non2xx: result.non2xx,
            mismatches: result.mismatches,
          },
        });
      },
    );
    instance.on("response", (_client, _status, bytes, ms) => {
      latenciesMs.push(ms);
      responseBytes.push(bytes);
      lastAnswer = performance.now();
    });
  });
}

/**
 * The total of a load test's error counts.
 *
 * @example
 * errorCount(result); // 0
 */
export function errorCount(result: LoadTestResult): number {
  const { connection, timeouts, non2xx, mismatches } = result.errors;
  return connection + timeouts + non2xx + mismatches;
}

/**
 * One result from several runs of the same load test: latencies joined, seconds and error
 * counts added up.
 *
 * @example
 * const all = combineLoadResults([first, second]);
 */
export function combineLoadResults(results: readonly LoadTestResult[]): LoadTestResult {
  const add = (key: keyof LoadTestResult["errors"]) =>
    results.reduce((sum, result) => sum + result.errors[key], 0);
  return {
    latenciesMs: results.flatMap((result) => result.latenciesMs),
    responseBytes: results.flatMap((result) => result.responseBytes),
    seconds: results.reduce((sum, result) => sum + result.seconds, 0),
    errors: {
      connection: add("connection"),
      timeouts: add("timeouts"),
      non2xx: add("non2xx"),
      mismatches: add("mismatches"),
    },
  };
}
