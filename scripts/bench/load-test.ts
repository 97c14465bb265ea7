import autocannon from "autocannon";

/** What a load test measured: latencies in ms, seconds to the last answer, and errors. */
export type LoadTestResult = { latenciesMs: number[]; seconds: number; errors: number };

/**
 * Sends each of `requests` once from `connections` autocannon clients, one at a time each.
 *
 * @example
 * const { latenciesMs, errors } = await runLoadTest({ url, connections: 16, requests: [{ method: "GET", path: "/api/health" }] });
 */
export function runLoadTest(options: {
  url: string;
  connections: number;
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

/**
 * The `/api/search` path of a question.
 *
 * @example
 * searchPath("graph neural networks"); // "/api/search?q=graph%20neural%20networks&k=10"
 */
export const searchPath = (question: string, k = 10) =>
  `/api/search?q=${encodeURIComponent(question)}&k=${k}`;
