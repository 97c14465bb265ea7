import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

/** The machine a report was measured on. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  /** Versions of the packages the figures depend on. */
  packages: Record<string, string>;
  date: string;
}

const MEASURED_PACKAGES = ["@huggingface/transformers", "onnxruntime-node", "hnswlib-node", "hono"];

function installedVersion(repoRoot: string, name: string): string {
  try {
    const file = join(repoRoot, "node_modules", name, "package.json");
    return String(JSON.parse(readFileSync(file, "utf8")).version);
  } catch {
    return "not installed";
  }
}

/**
 * Describes this machine: cores, CPU model, memory, Node and package versions, date.
 *
 * @example
 * describeMachine("/work/main").cores; // 2
 */
export function describeMachine(repoRoot: string): MachineInfo {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    packages: Object.fromEntries(
      MEASURED_PACKAGES.map((name) => [name, installedVersion(repoRoot, name)]),
    ),
    date: new Date().toISOString(),
  };
}
