import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { TINY_MODEL } from "../support/tiny-index.ts";

const LOAD_EMBEDDER = resolve(import.meta.dirname, "../../src/embed/load-embedder.ts");
const SETTINGS = resolve(import.meta.dirname, "../../src/settings/settings.ts");

/** The CPUs each thread of process `pid` may run on (`Cpus_allowed_list`), one entry a thread. */
function threadCpus(pid: number): string[] {
  return readdirSync(`/proc/${pid}/task`).map(
    (task) =>
      /Cpus_allowed_list:\s*(\S+)/.exec(
        readFileSync(`/proc/${pid}/task/${task}/status`, "utf8"),
      )![1]!,
  );
}

/**
 * A process pinned to CPU 0 (`taskset`) that loads the tiny model with the settings of `env`,
 * embeds once, and reports the CPUs of its threads while the model is loaded.
 */
async function pinnedModelThreads(env: Record<string, string>): Promise<string[]> {
  const script = `
    const { loadEmbedder } = await import(${JSON.stringify(LOAD_EMBEDDER)});
    const { resolveSettings } = await import(${JSON.stringify(SETTINGS)});
    const embedder = await loadEmbedder(resolveSettings(process.env, { model: ${JSON.stringify(TINY_MODEL)}, offline: true }));
    await embedder.embed(["graph neural networks"]);
    process.stdout.write("ready\\n");
    setTimeout(() => {}, 30_000);`;
  const child = spawn(
    "taskset",
    ["-c", "0", process.execPath, "--import", "tsx", "--input-type=module", "-e", script],
    { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    await new Promise<void>((done, fail) => {
      child.stdout.on("data", (text: Buffer) => text.includes("ready") && done());
      child.on("exit", (code) => fail(new Error(`the pinned process exited with ${code}`)));
    });
    return threadCpus(child.pid!);
  } finally {
    child.kill();
  }
}

describe.runIf(process.platform === "linux" && availableParallelism() > 1)(
  "the model's threads (PAPERCHAT_MODEL_THREADS)",
  () => {
    it("keeps every thread of a process pinned to one core on that core when set to 1", async () => {
      const cpus = await pinnedModelThreads({ PAPERCHAT_MODEL_THREADS: "1" });
      expect(cpus.length).toBeGreaterThan(1);
      expect(new Set(cpus)).toEqual(new Set(["0"]));
    });
  },
);
