import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

/** A server process that has answered its readiness path (see `startServer`). */
export type ServerProcess = Awaited<ReturnType<typeof startServer>>;

/** `node ARGS`, offline; pinned to `core` with one model thread when given. */
function spawnNode(cwd: string, args: readonly string[], core?: number) {
  const node = [process.execPath, ...args];
  const [command, ...rest] = core === undefined ? node : ["taskset", "-c", String(core), ...node];
  const pinned = core === undefined ? {} : { PAPERCHAT_MODEL_THREADS: "1" };
  const child = spawn(command!, rest, {
    cwd,
    env: { ...process.env, PAPERCHAT_OFFLINE: "1", ...pinned },
  });
  const output = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (text: string) => (output.stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (output.stderr += text));
  return { child, output };
}

/**
 * The `node` arguments of `paperchat ARGS`.
 *
 * @example
 * await runTimed(repoRoot, paperchatArgs(repoRoot, ["embed", "one question"]));
 */
export function paperchatArgs(repoRoot: string, args: readonly string[]): string[] {
  return [join(repoRoot, "bin/paperchat.js"), ...args];
}

/**
 * Runs `node ARGS` to completion: its stdout and ms from spawn to exit.
 *
 * @example
 * const { stdout, ms } = await runTimed(repoRoot, paperchatArgs(repoRoot, ["index", "--json"]));
 */
export function runTimed(cwd: string, args: readonly string[], core?: number) {
  const started = performance.now();
  const { child, output } = spawnNode(cwd, args, core);
  return new Promise<{ stdout: string; ms: number }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ stdout: output.stdout, ms });
      else reject(new Error(`${args.join(" ")} exited with ${code}: ${output.stderr.trim()}`));
    });
  });
}

/**
 * The resident memory (`VmRSS`) of process `pid` in MiB, 0 once it is gone.
 *
 * @example
 * residentMb(process.pid); // 74.5
 */
export function residentMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** A TCP port that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** SIGTERM, then SIGKILL if it has not exited within 10 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

const answers = (url: string) =>
  fetch(url).then(
    (response) => response.arrayBuffer().then(() => response.ok),
    () => false,
  );

/**
 * Spawns `node ARGS --port P`, ready once `readyPath` answers 200.
 *
 * @example
 * const server = await startServer(repoRoot, paperchatArgs(repoRoot, ["serve"]), "/api/health");
 */
export async function startServer(cwd: string, args: readonly string[], readyPath: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const { child, output } = spawnNode(cwd, [...args, "--port", String(port)]);
  while (!(await answers(url + readyPath))) {
    const exited = child.exitCode !== null || child.signalCode !== null;
    if (exited || performance.now() - started > 120_000) {
      await stopChild(child);
      throw new Error(
        `${args.join(" ")} did not answer ${readyPath}:\n${output.stdout}${output.stderr}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    /** `http://127.0.0.1:PORT` */
    url,
    /** Milliseconds from spawn to the first 200 on the readiness path. */
    readyMs: performance.now() - started,
    /** Its resident memory now, in MiB. */
    rssMb: () => residentMb(child.pid!),
    stop: () => stopChild(child),
  };
}
