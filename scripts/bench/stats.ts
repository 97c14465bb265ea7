/** A sample set summarised the way the report prints it (see `summarize`). */
export type SampleSummary = ReturnType<typeof summarize>;

/**
 * The `p`-th percentile (0–100) of `samples` by nearest rank: always a measured value.
 *
 * @example
 * percentile([5, 1, 4, 2, 3], 50); // 3
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError("percentile of no samples");
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be 0..100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

/**
 * Count, mean, p50, p95 and p99 of `samples`.
 *
 * @example
 * summarize([1, 2, 3, 4]); // { count: 4, mean: 2.5, p50: 2, p95: 4, p99: 4 }
 */
export function summarize(samples: readonly number[]) {
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(samples, p)) as [
    number,
    number,
    number,
  ];
  const mean = samples.reduce((total, sample) => total + sample, 0) / samples.length;
  return { count: samples.length, mean, p50, p95, p99 };
}

/**
 * The milliseconds `run` took on each of `items`, one after the other.
 *
 * @example
 * const embedMs = await timeEach(questions, (question) => embedder.embed([question]));
 */
export async function timeEach<T>(
  items: readonly T[],
  run: (item: T) => Promise<unknown>,
): Promise<number[]> {
  const ms: number[] = [];
  for (const item of items) {
    const started = performance.now();
    await run(item);
    ms.push(performance.now() - started);
  }
  return ms;
}
