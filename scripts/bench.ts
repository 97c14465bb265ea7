/**
 * paperchat's benchmarks, each figure measured side by side with its reference:
 *
 *   npm run bench [-- --only indexing,query,embeddings,startup,ann,snippets,scale,int8] [--large] [--sweep]
 *                     [--copies N] [--papers N] [--out DIR]
 *
 * A full run writes `bench/report.md` and `bench/report.json`; a run with `--only` writes to
 * `bench/out/` (git-ignored) unless `--out` says otherwise. Sections of a report already there
 * that this run did not measure are kept, marked with the run that measured them. Everything runs offline on the real
 * all-MiniLM-L6-v2 when `npm run model:real` has converted it, otherwise on the
 * all-MiniLM-L6-v2-shaped fixture model (generated first when missing); the report says which.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runAnnBench } from "./bench/ann-bench.ts";
import { ensureBenchModel, ensureShapedModel } from "./bench/bench-model.ts";
import type { BenchContext, BenchSection } from "./bench/bench-section.ts";
import { runEmbeddingsBench } from "./bench/embeddings-bench.ts";
import { runIndexingBench } from "./bench/indexing-bench.ts";
import { runInt8Bench } from "./bench/int8-bench.ts";
import { describeMachine } from "./bench/machine.ts";
import { runQueryBench } from "./bench/query-bench.ts";
import { renderTable, withEarlierSections, writeReport } from "./bench/report.ts";
import { runScaleBench } from "./bench/scale-bench.ts";
import { runSnippetBench } from "./bench/snippet-bench.ts";
import { runStartupBench } from "./bench/startup-bench.ts";

const BENCHMARKS: Record<string, (context: BenchContext) => Promise<BenchSection>> = {
  indexing: runIndexingBench,
  query: runQueryBench,
  embeddings: runEmbeddingsBench,
  startup: runStartupBench,
  ann: runAnnBench,
  snippets: runSnippetBench,
  scale: runScaleBench,
  int8: runInt8Bench,
};
const USAGE = `Usage: npm run bench -- [--only ${Object.keys(BENCHMARKS).join(",")}] [--large] [--sweep] [--copies N] [--papers N] [--out DIR]`;
const repoRoot = resolve(import.meta.dirname, "..");

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      large: { type: "boolean", default: false },
      sweep: { type: "boolean", default: false },
      copies: { type: "string", default: "1" },
      papers: { type: "string", default: "1000000" },
      out: { type: "string" },
    },
  });
  const names = values.only?.split(",").map((name) => name.trim()) ?? Object.keys(BENCHMARKS);
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) throw new Error(`Unknown benchmark: ${unknown.join(", ")}.`);
  const copies = Number(values.copies);
  if (!Number.isInteger(copies) || copies < 1 || copies > 100) {
    throw new Error(`--copies must be a whole number from 1 to 100, got "${values.copies}".`);
  }
  const papers = Number(values.papers);
  if (!Number.isInteger(papers) || papers < 1000 || papers > 10_000_000) {
    throw new Error(
      `--papers must be a whole number from 1000 to 10000000, got "${values.papers}".`,
    );
  }
  return {
    names,
    papers,
    large: values.large,
    sweep: values.sweep,
    copies,
    outDir: values.out ? resolve(values.out) : join(repoRoot, values.only ? "bench/out" : "bench"),
  };
}

/** A benchmark that threw: reported as a failed row, so the rest of the run still counts. */
function failedSection(name: string, error: unknown): BenchSection {
  const message = error instanceof Error ? error.message : String(error);
  return {
    key: name,
    title: name,
    figures: [{ figure: name, value: "failed", reference: "—", target: "runs", met: false }],
    json: { failed: message },
    notes: [`The benchmark failed: ${message.split("\n")[0]}`],
  };
}

function log(message: string) {
  const seconds = (performance.now() / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[${seconds}s] ${message}\n`);
}

async function main(argv: string[]): Promise<number> {
  let cli: ReturnType<typeof parseCli>;
  try {
    cli = parseCli(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  process.env.PAPERCHAT_OFFLINE = "1";
  const machine = describeMachine(repoRoot);
  const workDir = await mkdtemp(join(tmpdir(), "paperchat-bench-"));
  const model = ensureBenchModel(repoRoot, log);
  const context: BenchContext = {
    repoRoot,
    modelDir: model.dir,
    modelDescription: model.description,
    shapedModel: ensureShapedModel(repoRoot, log),
    workDir,
    large: cli.large,
    sweep: cli.sweep,
    corpusCopies: cli.copies,
    scalePapers: cli.papers,
    log,
  };
  const started = performance.now();
  const sections: BenchSection[] = [];
  const loadAverages: Record<string, number> = {};
  let failed = 0;
  try {
    for (const name of cli.names) {
      loadAverages[name] = Number(loadavg()[0]!.toFixed(2));
      log(`${name}: starting (load average ${loadAverages[name]})`);
      try {
        sections.push({ model: model.description, ...(await BENCHMARKS[name]!(context)) });
      } catch (error) {
        failed += 1;
        log(`${name}: FAILED: ${(error as Error).message}`);
        sections.push(failedSection(name, error));
      }
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const report = {
    machine,
    model: model.description,
    loadAverages,
    args: argv,
    durationSeconds: (performance.now() - started) / 1000,
    sections,
  };
  const merged = await withEarlierSections(cli.outDir, report, Object.keys(BENCHMARKS));
  const files = await writeReport(cli.outDir, merged, repoRoot);
  console.log(renderTable(sections.flatMap((s) => s.figures)));
  console.log(`\nWrote ${files.join(" and ")}.`);
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
