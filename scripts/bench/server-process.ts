import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { spawnPaperchat } from "./paperchat-cli.ts";

/** A `paperchat serve` / `start` process that has answered its first request. */
export interface ServerProcess {
  /** `http://127.0.0.1:PORT` */
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 on the readiness path. */
  readyMs: number;
  /** What the server printed so far (stdout and stderr). */
  output(): string;
  /** The process's resident memory now, in MiB. */
  rssMb(): number;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

export interface StartServerProcessOptions {
  command: "serve" | "start";
  /** Flags after the command (model, index dir, corpus…); `--port` is added. */
  args: string[];
  /** Polled until it answers 200, e.g. `/api/health` or `/api/search?q=…`. */
  readyPath: string;
  timeoutMs?: number;
}

/** How often readiness is polled: small against a start-up of seconds. */
const POLL_MS = 20;

/**
 * A TCP port that was free a moment ago (bound on 0, then released).
 *
 * @example
 * const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Resident memory of a process in MiB: `VmRSS` from `/proc/PID/status`, or `ps` where there
 * is no /proc.
 *
 * @example
 * residentMb(process.pid);
 */
export function residentMb(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(status, "utf8"))?.[1];
    if (kb) return Number(kb) / 1024;
  }
  return Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" })) / 1024;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited(child);
  clearTimeout(timer);
}

/**
 * Spawns `node bin/paperchat.js serve|start ARGS --port P` on a free port and resolves once
 * `readyPath` answers 200, with the time that took. Rejects, with the server's output, when it
 * exits first or is not ready within `timeoutMs`.
 *
 * @example
 * const server = await startServerProcess(repoRoot, { command: "serve", args, readyPath: "/api/health" });
 * await server.stop();
 */
export function startServerProcess(
  repoRoot: string,
  options: StartServerProcessOptions,
): Promise<ServerProcess> {
  return startHttpProcess({
    name: `paperchat ${options.command}`,
    spawn: (port) =>
      spawnPaperchat(repoRoot, [options.command, ...options.args, "--port", String(port)]),
    readyPath: options.readyPath,
    timeoutMs: options.timeoutMs,
  });
}

export interface StartHttpProcessOptions {
  /** Named in errors, e.g. "paperchat serve". */
  name: string;
  /** Starts the server on the given port, with piped stdout and stderr. */
  spawn: (port: number) => ChildProcess;
  /** Polled until it answers 200. */
  readyPath: string;
  timeoutMs?: number;
}

/**
 * Spawns an HTTP server process on a free port and resolves once `readyPath` answers 200, with
 * the time that took. Rejects, with the server's output, when it exits first or is not ready
 * within `timeoutMs`.
 *
 * @example
 * const server = await startHttpProcess({ name: "floor", spawn: (port) => spawn("node", ["floor.mjs", String(port)]), readyPath: "/" });
 */
export async function startHttpProcess(options: StartHttpProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = options.spawn(port);
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  const deadline = started + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.name} exited before answering:\n${output.trim()}`);
    }
    if (performance.now() > deadline) {
      await stopChild(child);
      throw new Error(
        `${options.name} did not answer ${options.readyPath} in time:\n${output.trim()}`,
      );
    }
    const answered = await fetch(url + options.readyPath).then(
      async (response) => {
        await response.arrayBuffer();
        return response.ok;
      },
      () => false,
    );
    if (answered) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const readyMs = performance.now() - started;
  return {
    url,
    pid: child.pid!,
    readyMs,
    output: () => output,
    rssMb: () => residentMb(child.pid!),
    stop: () => stopChild(child),
  };
}
