import { spawnSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { BenchSection } from "./bench-section.ts";
import { type Figure, formatNumber } from "./figure.ts";
import type { MachineInfo } from "./machine.ts";

/** A whole run: the machine, every section, and how long it took. */
export interface BenchReport {
  machine: MachineInfo;
  /** The model every speed figure was measured with. */
  model: string;
  /** The command-line flags the run was started with. */
  args: string[];
  /** The 1-minute load average as each benchmark started: other work on the machine skews timings. */
  loadAverages: Record<string, number>;
  durationSeconds: number;
  sections: BenchSection[];
}

function metCell(figure: Figure): string {
  if (figure.met === undefined) return "—";
  return figure.met ? "yes" : "**NO**";
}

/**
 * The report table in Markdown: figure, value, reference, ratio, target, met?
 *
 * @example
 * renderTable([{ figure: "Errors", value: "0", reference: "—", target: "0", met: true }]);
 */
export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) =>
    [
      f.figure,
      f.value,
      f.reference,
      f.ratio === undefined ? "—" : `${formatNumber(f.ratio)}×`,
      f.target ?? "—",
      metCell(f),
    ].join(" | "),
  );
  return [
    "| figure | value | reference | ratio | target | met? |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}

/**
 * The whole report in Markdown: machine, table, then each section's notes.
 *
 * @example
 * await writeFile("bench/report.md", renderMarkdown(report));
 */
export function renderMarkdown(report: BenchReport): string {
  const m = report.machine;
  const packages = Object.entries(m.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(", ");
  const loads = Object.entries(report.loadAverages)
    .map(([name, load]) => `${name} ${load}`)
    .join(", ");
  const lines = [
    "# paperchat benchmarks",
    "",
    `Measured ${m.date} on ${m.cores} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node} (${m.platform}); ${packages}. Run: \`npm run bench${report.args.length ? ` -- ${report.args.join(" ")}` : ""}\`, ${Math.round(report.durationSeconds)} s. 1-minute load average at the start of each benchmark (${m.cores} cores; more means other work shared them): ${loads}.`,
    "",
    renderTable(report.sections.flatMap((s) => s.figures)),
  ];
  for (const section of report.sections) {
    const earlier = section.earlierRun
      ? [
          `Measured by an earlier run, \`npm run bench${section.earlierRun.args.length ? ` -- ${section.earlierRun.args.join(" ")}` : ""}\`, on ${section.earlierRun.date} (load average ${section.earlierRun.load ?? "?"} at its start).`,
          "",
        ]
      : [];
    const model = [`Model: ${section.model ?? report.model}.`, ""];
    lines.push(
      "",
      `## ${section.title}`,
      "",
      ...model,
      ...earlier,
      ...section.notes.flatMap((n) => [n, ""]),
    );
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/**
 * The report as JSON: `machine`, one key per section (`indexing.ratio`, `query.c1.p50_ms`, …)
 * and every table row under `figures`.
 *
 * @example
 * reportJson(report).indexing; // { ratio: 0.95, ... }
 */
export function reportJson(report: BenchReport): Record<string, unknown> {
  return {
    machine: report.machine,
    model: report.model,
    args: report.args,
    load_averages: report.loadAverages,
    duration_s: Math.round(report.durationSeconds),
    ...Object.fromEntries(report.sections.map((s) => [s.key, s.json])),
    figures: report.sections.flatMap((s) => s.figures),
    sections: report.sections,
  };
}

/** The parts of a written `report.json` that a later run keeps. */
interface StoredReport {
  machine: MachineInfo;
  /** The run's model: that of its sections that do not name their own. */
  model?: string;
  args: string[];
  load_averages: Record<string, number>;
  /** Absent in reports written before sections were stored whole. */
  sections?: BenchSection[];
}

/**
 * The report with the sections of the report already in `dir` that this run did not measure
 * (each marked with the run that did), in `order`: a run of some benchmarks updates their
 * sections and keeps the rest.
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
    .filter((section) => !measured.has(section.key))
    .map((section) => ({
      ...section,
      model: section.model ?? previous.model,
      earlierRun: section.earlierRun ?? {
        date: previous.machine.date,
        args: previous.args,
        load: previous.load_averages[section.key],
      },
    }));
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const sections = [...report.sections, ...kept].sort((a, b) => rank(a.key) - rank(b.key));
  return { ...report, sections };
}

/**
 * Lays a report inside the repository out the way its formatter (Biome) does, so that a
 * committed report passes `npm run lint`. Reports elsewhere (`--out /tmp/…`) or in git-ignored
 * folders stay as written; so does everything, with a warning, where Biome is not installed.
 */
function formatWithBiome(repoRoot: string, files: string[]): void {
  if (files.some((file) => relative(repoRoot, file).startsWith(".."))) return;
  const biome = join(repoRoot, "node_modules/.bin/biome");
  const args = ["format", "--write", "--no-errors-on-unmatched", ...files];
  const formatted = spawnSync(biome, args, { cwd: repoRoot });
  if (formatted.status !== 0) {
    process.stderr.write(`warning: could not format ${files.join(", ")} with ${biome}\n`);
  }
}

/**
 * Writes `report.md` and `report.json` into `dir` (formatted as the repository formats
 * Markdown and JSON); resolves to their paths.
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
  const markdown = join(dir, "report.md");
  const json = join(dir, "report.json");
  await writeFile(markdown, renderMarkdown(report));
  await writeFile(json, `${JSON.stringify(reportJson(report), null, 2)}\n`);
  formatWithBiome(repoRoot, [markdown, json]);
  return [markdown, json];
}
