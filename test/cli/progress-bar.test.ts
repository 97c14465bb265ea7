import { describe, expect, it } from "vitest";
import { createProgressBar } from "../../src/cli/progress-bar.ts";

describe("createProgressBar in logs (not a terminal)", () => {
  it("prints a line every 10%, and at least every 30 seconds however slow the build", () => {
    const lines: string[] = [];
    let clock = 0;
    const report = createProgressBar({ write: (text) => lines.push(text) }, () => clock);
    report({ phase: "papers", done: 0, total: 1000 });
    // A slow build: one paper every 10 s, so 10% (100 papers) would take 1,000 s.
    for (let done = 1; done <= 12; done++) {
      clock += 10_000;
      report({ phase: "papers", done, total: 1000 });
    }
    expect(lines).toHaveLength(1 + 4); // the first line, then one every 30 s over 120 s
    expect(lines[1]).toMatch(/^papers 3\/1000 0% · 0\.1\/s · ETA /);
  });

  it("rates a step by what it did after its first report, never by work done before its clock", () => {
    const lines: string[] = [];
    let clock = 0;
    const report = createProgressBar({ write: (text) => lines.push(text) }, () => clock);
    // A resumed build's first report comes with 1,500 papers already read.
    report({ phase: "papers", done: 1500, total: 150_000 });
    clock += 10_000;
    report({ phase: "papers", done: 15_000, total: 150_000 });
    expect(lines[0]).toMatch(/^papers 1500\/150000 1% · \?\/s · ETA \?$/m);
    expect(lines[1]).toMatch(/^papers 15000\/150000 10% · 1350\.0\/s · ETA 1:40$/m);
  });

  it("prints each 10% step once when progress is fast", () => {
    const lines: string[] = [];
    const report = createProgressBar({ write: (text) => lines.push(text) }, () => 0);
    for (let done = 0; done <= 100; done++) report({ phase: "papers", done, total: 100 });
    expect(lines).toHaveLength(11);
  });
});
