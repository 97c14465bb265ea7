import { spawn } from "node:child_process";

/** A process the benchmark ran to completion, and when each of its stderr lines arrived. */
export interface TimedRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from spawn to exit. */
  ms: number;
  /** Every stderr line with the milliseconds since spawn at which it arrived. */
  stderrLines: Array<{ text: string; ms: number }>;
}

/**
 * Runs `command ARGS` to completion (offline: `PAPERCHAT_OFFLINE=1`), timing it from spawn to
 * exit and timestamping each line it writes to stderr. Rejects, with its stderr, when it fails.
 *
 * @example
 * const run = await runTimed(process.execPath, ["-e", "1"], { cwd: "/work/main" });
 */
export function runTimed(
  command: string,
  args: readonly string[],
  options: { cwd: string },
): Promise<TimedRun> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, PAPERCHAT_OFFLINE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let partial = "";
  const stderrLines: TimedRun["stderrLines"] = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    const ms = performance.now() - started;
    stderr += chunk;
    const lines = (partial + chunk).split("\n");
    partial = lines.pop()!;
    for (const text of lines) stderrLines.push({ text, ms });
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const run = { exitCode, stdout, stderr, ms: performance.now() - started, stderrLines };
      if (exitCode === 0) resolve(run);
      else reject(new Error(`${args.join(" ")} exited with ${exitCode}: ${stderr.trim()}`));
    });
  });
}
