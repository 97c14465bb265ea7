/**
 * paperchat's benchmarks, each figure measured next to its reference (docs/benchmarks.md); see
 * `npm run bench -- --help`. Writes `report.md` and `report.json` into `--out` (default `bench/`),
 * keeping the sections of the report already there that this run did not measure.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runAnnBench } from "./bench/ann-bench.ts";
import { benchModel } from "./bench/bench-model.ts";
import { runEmbeddingsBench } from "./bench/embeddings-bench.ts";
import { runIndexingBench } from "./bench/indexing-bench.ts";
import { runOpenSearchBench } from "./bench/opensearch-bench.ts";
import { runQueryBench } from "./bench/query-bench.ts";
import { describeMachine, renderTable, withEarlierSections, writeReport } from "./bench/report.ts";
import { runScaleBench } from "./bench/scale-bench.ts";
import type { BenchContext, BenchSection } from "./bench/section.ts";
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
const USAGE = `Usage: npm run bench -- [--only SECTION,…] [--papers N] [--scale-index DIR] [--out DIR]

Sections (without --only, all but scale and opensearch run: about half an hour on 2 cores):
  indexing     \`paperchat index\` on 2,000 arXiv-shaped papers vs the model alone, and vs txtai
  query        /api/search at concurrency 1 and 16 on the bundled index vs the bare embed
  embeddings   /v1/embeddings from 16 one-input clients vs the model alone in batches of 16
  startup      paperchat start to its first answered search, and its memory, vs a one-shot embed
  ann          the HNSW graph's recall@10 and queries/s vs an exact scan, 100k synthetic vectors
  snippets     how often int8 and pooled sentence vectors choose the same snippets
  scale        a million arXiv-shaped papers built and served with synthetic vectors (over an hour)
  opensearch   100k papers in a 2-node OpenSearch cluster beside the embedded store (a quarter hour)

Options:
  --only S,…         the sections to run, comma-separated; the report keeps the others
  --papers N         the size of scale's and opensearch's generated corpus (1000 to 10000000)
  --scale-index DIR  where scale keeps its index; a build that finished there is reused
  --out DIR          where report.md and report.json go (default bench/)
  --help             print this and exit`;
const repoRoot = resolve(import.meta.dirname, "..");

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      papers: { type: "string" },
      "scale-index": { type: "string" },
      out: { type: "string" },
      help: { type: "boolean" },
    },
  });
  const quick = Object.keys(SECTIONS).filter((name) => !SLOW.has(name));
  const names = values.only?.split(",").map((name) => name.trim()) ?? quick;
  const unknown = names.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) throw new Error(`Unknown section: ${unknown.join(", ")}.`);
  const papers = values.papers === undefined ? undefined : Number(values.papers);
  if (papers !== undefined && !(Number.isInteger(papers) && papers >= 1000 && papers <= 1e7)) {
    throw new Error(
      `--papers must be a whole number from 1000 to 10000000, got "${values.papers}".`,
    );
  }
  const scaleIndex = values["scale-index"] && resolve(values["scale-index"]);
  const outDir = resolve(values.out ?? join(repoRoot, "bench"));
  return { help: values.help, names, papers, scaleIndex, outDir };
}

function log(message: string) {
  process.stderr.write(`[${(performance.now() / 1000).toFixed(0).padStart(4)}s] ${message}\n`);
}

async function main(argv: string[]): Promise<number> {
  let cli: ReturnType<typeof parseCli>;
  try {
    cli = parseCli(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (cli.help) {
    console.log(USAGE);
    return 0;
  }
  process.env.PAPERCHAT_OFFLINE = "1";
  const machine = describeMachine(repoRoot);
  const workDir = await mkdtemp(join(tmpdir(), "paperchat-bench-"));
  const model = benchModel(repoRoot, workDir, log);
  const context: BenchContext = {
    repoRoot,
    ...model,
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
      sections.push(
        await SECTIONS[name]!(context).catch((error: Error): BenchSection => {
          // A section that threw is a failed row, so that the rest of the run still counts.
          log(`${name}: FAILED: ${error.message}`);
          const figure = { figure: name, value: "failed", reference: "—", target: "runs" };
          return {
            key: name,
            title: name,
            figures: [{ ...figure, met: false }],
            json: { failed: error.message },
            notes: [`The section failed: ${error.message.split("\n")[0]}`],
          };
        }),
      );
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const durationSeconds = (performance.now() - started) / 1000;
  const report = {
    machine,
    model: model.modelDescription,
    loadAverages,
    args: argv,
    durationSeconds,
    sections,
  };
  const merged = await withEarlierSections(cli.outDir, report, Object.keys(SECTIONS));
  const files = await writeReport(cli.outDir, merged, repoRoot);
  console.log(renderTable(sections.flatMap((s) => s.figures)));
  console.log(`\nWrote ${files.join(" and ")}.`);
  return sections.some((s) => "failed" in s.json) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
