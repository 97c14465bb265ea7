import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { join, relative } from "node:path";
import { type BenchSection, type Figure, formatNumber } from "./section.ts";

/** The machine a report was measured on (see `describeMachine`). */
export type MachineInfo = ReturnType<typeof describeMachine>;

/** A whole run: the machine, every section, and how long it took. */
export interface BenchReport {
  machine: MachineInfo;
  /** The model the figures were measured with, unless a section names its own. */
  model: string;
  /** The flags the run was started with. */
  args: string[];
  /** The 1-minute load average as each section started. */
  loadAverages: Record<string, number>;
  durationSeconds: number;
  sections: BenchSection[];
}

/** The packages the figures depend on, whose versions the report gives. */
const MEASURED_PACKAGES = ["@huggingface/transformers", "onnxruntime-node", "hnswlib-node", "hono"];

/** Of the CPU's flags (Linux), those that decide the model's speed, widest first. */
function cpuVectorFlags(): string[] {
  try {
    const flags = new Set(
      /^flags\s*:(.*)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))![1]!.split(" "),
    );
    return ["avx512_vnni", "avx_vnni", "avx512f", "avx2"].filter((flag) => flags.has(flag));
  } catch {
    return [];
  }
}

/**
 * This machine: cores, CPU model and vector instructions, memory, Node and package versions, date.
 *
 * @example
 * describeMachine("/work/main").cores; // 2
 */
export function describeMachine(repoRoot: string) {
  const version = (name: string) => {
    try {
      const file = join(repoRoot, "node_modules", name, "package.json");
      return String(JSON.parse(readFileSync(file, "utf8")).version);
    } catch {
      return "not installed";
    }
  };
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    /** The CPU's vector and int8 dot-product instructions, which set how fast int8 runs. */
    cpuVectorFlags: cpuVectorFlags(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    packages: Object.fromEntries(MEASURED_PACKAGES.map((name) => [name, version(name)])),
    date: new Date().toISOString(),
  };
}

const command = (args: string[]) =>
  `\`npm run bench${args.length ? ` -- ${args.join(" ")}` : ""}\``;

/** Cores, model and vector instructions of a machine, as the report names them. */
const cpuOf = (m: MachineInfo) =>
  `${m.cores} × ${m.cpuModel} (${m.cpuVectorFlags?.join(", ") || "vector instructions unknown"})`;

/**
 * The report table in Markdown: figure, value, reference, ratio, target, met?
 *
 * @example
 * renderTable([{ figure: "Errors", value: "0", reference: "—", target: "0", met: true }]);
 */
export function renderTable(figures: readonly Figure[]): string {
  const cells = (f: Figure) => [
    f.figure,
    f.value,
    f.reference,
    f.ratio === undefined ? "—" : `${formatNumber(f.ratio)}×`,
    f.target ?? "—",
    f.met === undefined ? "—" : f.met ? "yes" : "**NO**",
  ];
  return [
    "| figure | value | reference | ratio | target | met? |",
    "| --- | --- | --- | --- | --- | --- |",
    ...figures.map((f) => `| ${cells(f).join(" | ")} |`),
  ].join("\n");
}

/**
 * The whole report in Markdown: machine, table, then each section's model, run and notes.
 *
 * @example
 * await writeFile("bench/report.md", renderMarkdown(report));
 */
export function renderMarkdown(report: BenchReport): string {
  const m = report.machine;
  const packages = Object.entries(m.packages).map(([name, version]) => `${name} ${version}`);
  const loads = Object.entries(report.loadAverages).map(([name, load]) => `${name} ${load}`);
  const sections = report.sections.flatMap(({ title, model, earlierRun: run, notes }) => [
    "",
    `## ${title}`,
    "",
    `Model: ${model ?? report.model}.`,
    "",
    ...(run
      ? [
          `Measured by an earlier run, ${command(run.args)}, on ${run.date}${run.cpu ? `, ${run.cpu}` : ""} (load average ${run.load ?? "?"} at its start).`,
          "",
        ]
      : []),
    ...notes.flatMap((note) => [note, ""]),
  ]);
  const lines = [
    "# paperchat benchmarks",
    "",
    `Measured ${m.date} on ${cpuOf(m)}, ${m.memoryGb} GB, Node ${m.node} (${m.platform}); ${packages.join(", ")}. Run: ${command(report.args)}, ${Math.round(report.durationSeconds)} s. 1-minute load average at the start of each section (${m.cores} cores; more means other work shared them): ${loads.join(", ")}. How each figure is measured: [docs/benchmarks.md](../docs/benchmarks.md).`,
    "",
    renderTable(report.sections.flatMap((s) => s.figures)),
    ...sections,
  ];
  return `${lines.join("\n").trimEnd()}\n`;
}

/**
 * The report as JSON: the run, one key per section, and the sections whole (rows included).
 *
 * @example
 * reportJson(report).indexing; // { wall_over_model: 1.02, ... }
 */
export function reportJson(report: BenchReport): Record<string, unknown> {
  return {
    machine: report.machine,
    model: report.model,
    args: report.args,
    load_averages: report.loadAverages,
    duration_s: Math.round(report.durationSeconds),
    ...Object.fromEntries(report.sections.map((s) => [s.key, s.json])),
    sections: report.sections,
  };
}

/** The parts of a written `report.json` that a later run keeps. */
type StoredReport = Pick<BenchReport, "machine" | "args"> & {
  model?: string;
  load_averages: Record<string, number>;
  sections?: BenchSection[];
};

/**
 * The report with the sections of `dir`'s report that this run did not measure.
 *
 * @example
 * const merged = await withEarlierSections("bench", report, ["indexing", "query", "scale"]);
 */
export async function withEarlierSections(
  dir: string,
  report: BenchReport,
  order: readonly string[],
): Promise<BenchReport> {
  const previous = await readFile(join(dir, "report.json"), "utf8")
    .then((text) => JSON.parse(text) as StoredReport)
    .catch(() => undefined);
  if (!previous?.sections) return report;
  const measured = new Set(report.sections.map((s) => s.key));
  const kept = previous.sections
    .filter((section) => !measured.has(section.key) && order.includes(section.key))
    .map((section) => ({
      ...section,
      model: section.model ?? previous.model,
      earlierRun: section.earlierRun ?? {
        date: previous.machine.date,
        args: previous.args,
        load: previous.load_averages[section.key],
        ...(previous.machine.cpuVectorFlags ? { cpu: cpuOf(previous.machine) } : {}),
      },
    }));
  const rank = (section: BenchSection) => order.indexOf(section.key);
  return { ...report, sections: [...report.sections, ...kept].sort((a, b) => rank(a) - rank(b)) };
}

/**
 * Writes `report.md` and `report.json` into `dir` (formatted inside the repository).
 *
 * @example
 * await writeReport("bench", report, "/work/main");
 */
export async function writeReport(
  dir: string,
  report: BenchReport,
  repoRoot: string,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = [join(dir, "report.md"), join(dir, "report.json")];
  await writeFile(files[0]!, renderMarkdown(report));
  await writeFile(files[1]!, `${JSON.stringify(reportJson(report), null, 2)}\n`);
  if (relative(repoRoot, dir).startsWith("..")) return files;
  const biome = join(repoRoot, "node_modules/.bin/biome");
  const format = ["format", "--write", "--no-errors-on-unmatched", ...files];
  if (spawnSync(biome, format, { cwd: repoRoot }).status !== 0) {
    process.stderr.write(`warning: could not format ${files.join(", ")}\n`);
  }
  return files;
}
