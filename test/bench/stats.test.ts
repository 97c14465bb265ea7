import { describe, expect, it } from "vitest";
import { percentile, summarize, timeEach } from "../../scripts/bench/stats.ts";

describe("percentile (nearest rank)", () => {
  const samples = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];

  it("returns measured values, never interpolated ones", () => {
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile(samples, 100)).toBe(10);
  });

  it("picks the sample at rank ceil(p/100 * n) of the sorted samples", () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 50)).toBe(50);
  });

  it("does not reorder the caller's samples", () => {
    const copy = [...samples];
    percentile(samples, 50);
    expect(samples).toEqual(copy);
  });

  it("refuses empty samples and percentiles outside 0..100", () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(/0\.\.100/);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it("summarises count, mean and the percentiles the report prints", () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ count: 4, mean: 2.5, p50: 2, p95: 4, p99: 4 });
  });
});

describe("timeEach", () => {
  it("times each item on its own, one after the other, in order", async () => {
    const started: number[] = [];
    const ms = await timeEach([30, 0, 15], async (wait) => {
      started.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, wait));
    });
    expect(ms).toHaveLength(3);
    expect(ms[0]).toBeGreaterThanOrEqual(29);
    expect(ms[2]).toBeGreaterThanOrEqual(14);
    expect(ms[1]).toBeLessThan(ms[0]!);
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(29);
  });
});
