import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";

const BIN = resolve(import.meta.dirname, "../../../bin/paperchat.js");

/** How a `paperchat` process ended. */
export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running `paperchat` command whose output can be awaited line by line. */
export interface PaperchatProcess {
  child: ChildProcess;
  /** Resolves with the first line of stdout or stderr that matches, printed already or to come (rejects if it exits first). */
  line(pattern: RegExp): Promise<string>;
  /** Resolves when the process has exited, with all it wrote. */
  ended: Promise<ProcessEnd>;
}

/**
 * Spawns `node bin/paperchat.js …args` with `env` added to this process's environment.
 *
 * @example
 * const build = spawnPaperchat(["index", "--force"], { PAPERCHAT_INDEX_DIR: dir });
 * await build.line(/^embedding /);
 * build.child.kill("SIGKILL");
 */
export function spawnPaperchat(args: string[], env: Record<string, string>): PaperchatProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  const seen: string[] = [];
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const pending: Record<"stdout" | "stderr", string> = { stdout: "", stderr: "" };
  const onData = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output[stream] += text;
    const lines = (pending[stream] + text).split("\n");
    pending[stream] = lines.pop()!;
    for (const line of lines) {
      seen.push(line);
      for (const wait of waiting.filter(({ pattern }) => pattern.test(line))) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(line);
      }
    }
  };
  child.stdout!.on("data", onData("stdout"));
  child.stderr!.on("data", onData("stderr"));
  const ended = new Promise<ProcessEnd>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, ...output }));
  });
  return {
    child,
    ended,
    line: (pattern) => {
      const printed = seen.find((line) => pattern.test(line));
      if (printed !== undefined) return Promise.resolve(printed);
      return Promise.race([
        new Promise<string>((resolve) => waiting.push({ pattern, resolve })),
        ended.then((end) => {
          throw new Error(
            `paperchat exited (${end.signal ?? end.code}) before printing ${pattern}:\n${end.stdout}\n${end.stderr}`,
          );
        }),
      ]);
    },
  };
}
