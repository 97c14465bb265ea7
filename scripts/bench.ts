import { existsSync } from "node:fs";
/**
 * paperchat's benchmarks, each figure measured next to its reference (docs/benchmarks.md):
 *
 *   npm run bench [-- --only indexing,query,embeddings,startup,ann,snippets,scale,opensearch]
 *                     [--papers N] [--scale-index DIR] [--out DIR]
 *
 * With no `--only`, the quick sections run (minutes); `scale` (a million papers, over an hour)
 * and `opensearch` (100k papers in a 2-node cluster it starts, a quarter of an hour) run only
 * when named. `--papers` sizes their generated corpus. Writes `report.md` and `report.json` into `--out` (default `bench/`),
 * keeping the sections of the report already there that this run did not measure.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ENCODER_FILES } from "../src/embed/model-source.ts";
import { runAnnBench } from "./bench/ann-bench.ts";
import { ensureBenchModel } from "./bench/bench-model.ts";
import type { BenchContext, BenchSection } from "./bench/bench-section.ts";
import { runEmbeddingsBench } from "./bench/embeddings-bench.ts";
import { runIndexingBench } from "./bench/indexing-bench.ts";
import { describeMachine } from "./bench/machine.ts";
import { runOpenSearchBench } from "./bench/opensearch-bench.ts";
import { runQueryBench } from "./bench/query-bench.ts";
import { renderTable, withEarlierSections, writeReport } from "./bench/report.ts";
import { runScaleBench } from "./bench/scale-bench.ts";
import { runSnippetBench } from "./bench/snippet-bench.ts";
import { runStartupBench } from "./bench/startup-bench.ts";

const SECTIONS: Record<string, (context: BenchContext) => Promise<BenchSection>> = {
  indexing: runIndexingBench,
  query: runQueryBench,
  embeddings: runEmbeddingsBench,
  startup: runStartupBench,
  ann: runAnnBench,
  snippets: runSnippetBench,
  scale: runScaleBench,
  opensearch: runOpenSearchBench,
};
/** Sections that run only when named with `--only`. */
const SLOW = new Set(["scale", "opensearch"]);
const USAGE = `Usage: npm run bench -- [--only ${Object.keys(SECTIONS).join(",")}] [--papers N] [--scale-index DIR] [--out DIR]`;
const repoRoot = resolve(import.meta.dirname, "..");

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      papers: { type: "string" },
      "scale-index": { type: "string" },
      out: { type: "string", default: join(repoRoot, "bench") },
    },
  });
  const quick = Object.keys(SECTIONS).filter((name) => !SLOW.has(name));
  const names = values.only?.split(",").map((name) => name.trim()) ?? quick;
  const unknown = names.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) throw new Error(`Unknown section: ${unknown.join(", ")}.`);
  const papers = values.papers === undefined ? undefined : Number(values.papers);
  if (papers !== undefined && (!Number.isInteger(papers) || papers < 1000 || papers > 10_000_000)) {
    throw new Error(
      `--papers must be a whole number from 1000 to 10000000, got "${values.papers}".`,
    );
  }
  const scaleIndex = values["scale-index"] && resolve(values["scale-index"]);
  return { names, papers, scaleIndex, outDir: resolve(values.out) };
}

/** A section that threw: reported as a failed row, so the rest of the run still counts. */
function failedSection(name: string, error: unknown): BenchSection {
  const message = error instanceof Error ? error.message : String(error);
  return {
    key: name,
    title: name,
    figures: [{ figure: name, value: "failed", reference: "—", target: "runs", met: false }],
    json: { failed: message },
    notes: [`The section failed: ${message.split("\n")[0]}`],
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
  const model = ensureBenchModel(repoRoot, log);
  const workDir = await mkdtemp(join(tmpdir(), "paperchat-bench-"));
  const context: BenchContext = {
    repoRoot,
    modelDir: model.dir,
    modelDescription: model.description,
    modelHasInt8: existsSync(join(model.dir, ENCODER_FILES.q8)),
    workDir,
    scalePapers: cli.papers ?? 1_000_000,
    openSearchPapers: cli.papers ?? 100_000,
    ...(cli.scaleIndex ? { scaleIndex: cli.scaleIndex } : {}),
    log,
  };
  const started = performance.now();
  const sections: BenchSection[] = [];
  const loadAverages: Record<string, number> = {};
  try {
    for (const name of cli.names) {
      loadAverages[name] = Number(loadavg()[0]!.toFixed(2));
      log(`${name}: starting (load average ${loadAverages[name]})`);
      try {
        sections.push(await SECTIONS[name]!(context));
      } catch (error) {
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
  const merged = await withEarlierSections(cli.outDir, report, Object.keys(SECTIONS));
  const files = await writeReport(cli.outDir, merged, repoRoot);
  console.log(renderTable(sections.flatMap((s) => s.figures)));
  console.log(`\nWrote ${files.join(" and ")}.`);
  return sections.some((s) => "failed" in s.json) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
