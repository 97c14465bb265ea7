import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { runTimed, type TimedRun } from "./timed-process.ts";

/**
 * Spawns `node bin/paperchat.js ARGS` offline (`PAPERCHAT_OFFLINE=1`) from the repository root.
 *
 * @example
 * const child = spawnPaperchat("/work/main", ["serve", "--port", "3001"]);
 */
export function spawnPaperchat(repoRoot: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [join(repoRoot, "bin/paperchat.js"), ...args], {
    cwd: repoRoot,
    env: { ...process.env, PAPERCHAT_OFFLINE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * Runs `node bin/paperchat.js ARGS` to completion, timed (see `runTimed`); rejects when it fails.
 *
 * @example
 * const run = await runPaperchat("/work/main", ["index", "--force", "--offline"]);
 */
export function runPaperchat(repoRoot: string, args: readonly string[]): Promise<TimedRun> {
  return runTimed(process.execPath, [join(repoRoot, "bin/paperchat.js"), ...args], {
    cwd: repoRoot,
  });
}
