import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { open, rename, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { PaperFilter } from "../../src/contract/paper-filter.ts";
import type { StartersResponse } from "../../src/contract/starters.ts";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";
import { filterClause } from "../../src/store/embedded/filter-clause.ts";
import { INDEX_FILES } from "../../src/store/embedded/manifest.ts";
import { readManifest } from "../../src/store/embedded/manifest-file.ts";
import { openPaperDatabase } from "../../src/store/embedded/paper-rows.ts";
import { writeArxivShapedCorpus } from "./arxiv-shaped-corpus.ts";
import type { BenchContext, BenchSection } from "./bench-section.ts";
import { absoluteFigure, formatNumber } from "./figure.ts";
import { errorCount, type LoadRequest, runLoadTest } from "./load-test.ts";
import { freePort, residentMb } from "./server-process.ts";
import { type SampleSummary, summarize } from "./stats.ts";
import { createSyntheticEmbedder, SYNTHETIC_MODEL_ID } from "./synthetic-embedder.ts";
import { runTimed } from "./timed-process.ts";

/** The targets at a million papers. */
const TARGETS = {
  buildPeakRssMb: 8000,
  readyS: 15,
  rssMb: 4000,
  searchP50Ms: 25,
  searchP99Ms: 150,
};
/** Papers whose real model time is measured, then extrapolated to a million. */
const MODEL_PAPERS = 2000;
const QUESTIONS = 300;
/** Questions asked under each filter (after `WARM_UP` of their own). */
const FILTERED_QUESTIONS = 100;
const WARM_UP = 30;
const K = 10;
/** Bump when the generated corpus changes, so an old cached copy is not reused. */
const CORPUS_VERSION = 1;

const TSX = ["--import", "tsx"];

function folderBytes(path: string): number {
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** The generated corpus, kept in bench/out between runs (it takes minutes at a million). */
async function corpusOf(context: BenchContext, papers: number): Promise<string> {
  const folder = join(context.repoRoot, "bench/out");
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `arxiv-shaped-v${CORPUS_VERSION}-${papers}.jsonl`);
  if (existsSync(file)) return file;
  context.log(`scale: writing an arXiv-shaped corpus of ${papers} papers to ${file}`);
  const temp = `${file}.tmp`;
  await writeArxivShapedCorpus({
    papers,
    file: temp,
    bundledCorpus: join(context.repoRoot, "data/trending-papers.txt"),
  });
  await rename(temp, file);
  return file;
}

/** The first `count` lines of a JSON Lines file, as their own file. */
async function headOf(file: string, count: number, into: string): Promise<string> {
  const handle = await open(file);
  const lines: string[] = [];
  for await (const line of handle.readLines()) {
    lines.push(line);
    if (lines.length >= count) break;
  }
  await handle.close();
  await writeFile(into, `${lines.join("\n")}\n`);
  return into;
}

/** Questions made of 5–9 consecutive words of the corpus's own abstracts, spread over it. */
async function questionsFrom(file: string, count: number): Promise<string[]> {
  const handle = await open(file);
  const questions: string[] = [];
  let line = 0;
  for await (const text of handle.readLines()) {
    if (line++ % 7 !== 0) continue;
    const words = (JSON.parse(text) as { abstract: string }).abstract.trim().split(/\s+/);
    const length = 5 + (line % 5);
    const start = (line * 13) % Math.max(1, words.length - length);
    questions.push(
      words
        .slice(start, start + length)
        .join(" ")
        .replace(/[.,]/g, ""),
    );
    if (questions.length >= count) break;
  }
  await handle.close();
  return questions;
}

const searchRequest = (question: string, filter = ""): LoadRequest => ({
  method: "GET",
  path: `/api/search?q=${encodeURIComponent(question)}&k=${K}${filter}`,
});

/** A filter of the scale run: its query string, what it means, and how many papers pass it. */
interface ScaleFilter {
  name: string;
  query: string;
  filter: PaperFilter;
  passing: number;
}

/**
 * Two filters from the served corpus's facets: its most frequent category in its last year
 * (few papers pass: scored exactly) and that category alone (many pass: through the graph),
 * each with the number of papers that pass it, counted in the index's papers file.
 */
async function scaleFilters(url: string, indexDir: string): Promise<ScaleFilter[]> {
  const { facets } = (await (await fetch(`${url}/api/starters`)).json()) as StartersResponse;
  const category = facets.categories?.[0]?.name;
  const year = facets.years?.max;
  if (!category || year === undefined) return [];
  const manifest = await readManifest(indexDir);
  const db = openPaperDatabase(join(indexDir, manifest.generation, INDEX_FILES.papers));
  const count = (filter: PaperFilter) => {
    const { sql, params } = filterClause(filter);
    return db
      .prepare(`SELECT count(*) FROM papers WHERE ${sql}`)
      .pluck()
      .get(...params) as number;
  };
  const cat = `&category=${encodeURIComponent(category)}`;
  const filters = [
    {
      name: `${category} in ${year}`,
      query: `${cat}&year_from=${year}&year_to=${year}`,
      filter: { categories: [category], yearFrom: year, yearTo: year },
    },
    { name: category, query: cat, filter: { categories: [category] } },
  ].map((f) => ({ ...f, passing: count(f.filter) }));
  db.close();
  return filters;
}

/** Spawns the scale server and waits for its first answered search: the time to be ready. */
async function startScaleServer(context: BenchContext, indexDir: string, question: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const script = join(context.repoRoot, "scripts/bench/scale-serve.ts");
  const child = spawn(process.execPath, [...TSX, script, indexDir, String(port)], {
    cwd: context.repoRoot,
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the scale server exited with ${child.exitCode}`);
    const ok = await fetch(url + searchRequest(question).path).then(
      async (response) => {
        await response.arrayBuffer();
        return response.ok;
      },
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const readyS = (performance.now() - started) / 1000;
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url, pid: child.pid!, readyS, stop };
}

/**
 * The synthetic vector source's time per question, one question at a time as the server asks
 * (timed concurrently, each time would include the others').
 */
export async function syntheticEmbedMs(questions: readonly string[]): Promise<number[]> {
  const synthetic = createSyntheticEmbedder();
  const times: number[] = [];
  for (const question of questions) {
    const started = performance.now();
    await synthetic.embed([question]);
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * The scale benchmark: an arXiv-shaped corpus of `--papers` papers (default a million) built by
 * the real `buildIndex` and served by the real server, with a labelled synthetic vector source
 * in place of the model (storage and serving only); the model's own time measured separately on
 * the first 2,000 papers with the benchmark model, and extrapolated to a million.
 *
 * @example
 * const section = await runScaleBench({ ...context, scalePapers: 10_000 });
 */
export async function runScaleBench(context: BenchContext): Promise<BenchSection> {
  const { log, workDir } = context;
  const papers = context.scalePapers;
  const corpus = await corpusOf(context, papers);
  const indexDir = join(workDir, "scale-index");

  log(`scale: building the index of ${papers} papers (synthetic vectors)`);
  const build = await runTimed(
    process.execPath,
    [...TSX, join(context.repoRoot, "scripts/bench/scale-build.ts"), corpus, indexDir],
    { cwd: context.repoRoot },
  );
  const built = JSON.parse(build.stdout) as { papers: number; seconds: number; peakRssMb: number };
  const indexMb = folderBytes(indexDir) / 2 ** 20;

  const questions = await questionsFrom(corpus, QUESTIONS + WARM_UP + 1);
  log("scale: starting the server");
  const server = await startScaleServer(context, indexDir, questions[0]!);
  let search: ReturnType<typeof summarize>;
  let restMb: number;
  let errors: number;
  const filtered: (ScaleFilter & { latency: SampleSummary })[] = [];
  try {
    await runLoadTest({
      url: server.url,
      connections: 1,
      requests: questions.slice(1, WARM_UP + 1).map((q) => searchRequest(q)),
    });
    const measured = await runLoadTest({
      url: server.url,
      connections: 1,
      requests: questions.slice(WARM_UP + 1).map((q) => searchRequest(q)),
    });
    errors = errorCount(measured);
    search = summarize(measured.latenciesMs);
    restMb = residentMb(server.pid);
    for (const filter of await scaleFilters(server.url, indexDir)) {
      log(`scale: searching under the filter ${filter.name} (${filter.passing} papers pass)`);
      const asked = questions.slice(1, 1 + WARM_UP + FILTERED_QUESTIONS);
      await runLoadTest({
        url: server.url,
        connections: 1,
        requests: asked.slice(0, WARM_UP).map((q) => searchRequest(q, filter.query)),
      });
      const run = await runLoadTest({
        url: server.url,
        connections: 1,
        requests: asked.slice(WARM_UP).map((q) => searchRequest(q, filter.query)),
      });
      errors += errorCount(run);
      filtered.push({ ...filter, latency: summarize(run.latenciesMs) });
    }
  } finally {
    await server.stop();
  }
  const embedMs = summarize(await syntheticEmbedMs(questions.slice(WARM_UP + 1)));

  log(`scale: model time on the first ${MODEL_PAPERS} papers with ${basename(context.modelDir)}`);
  const sample = await headOf(corpus, MODEL_PAPERS, join(workDir, "scale-model-sample.jsonl"));
  const embedder = await loadEmbedder({
    model: context.modelDir,
    offline: true,
    cacheDir: join(workDir, "model-cache"),
  });
  const modelRun = await buildIndex({
    corpusFiles: [sample],
    indexDir: join(workDir, "scale-model-index"),
    embedder,
  });
  const modelPapersPerS = modelRun.papers / modelRun.seconds;
  const millionHours = 1_000_000 / modelPapersPerS / 3600;

  const p50 = search.p50 - embedMs.p50;
  const p99 = search.p99 - embedMs.p50;
  const json = {
    papers: built.papers,
    build_s: build.ms / 1000,
    build_peak_rss_mb: built.peakRssMb,
    index_mb: indexMb,
    ready_s: server.readyS,
    rss_mb: restMb,
    search_p50_ms: p50,
    search_p99_ms: p99,
    request_p50_ms: search.p50,
    request_p99_ms: search.p99,
    search_errors: errors,
    filtered: filtered.map((f) => ({
      filter: f.name,
      papers_passing: f.passing,
      search_p50_ms: f.latency.p50 - embedMs.p50,
      search_p99_ms: f.latency.p99 - embedMs.p50,
    })),
    synthetic_embed_p50_ms: embedMs.p50,
    model: basename(context.modelDir),
    model_papers_per_s: modelPapersPerS,
    model_hours_per_million: millionHours,
    vector_source:
      "synthetic low-rank 384-d (not a model) for build and serving; the model only for model_*",
  };
  const at = (value: number, target: number) => value <= target;
  return {
    key: "scale",
    title: `Scale: ${built.papers} arXiv-shaped papers`,
    figures: [
      absoluteFigure({
        figure: "Scale: papers indexed",
        value: String(built.papers),
        target: "≥ 1,000,000",
        met: built.papers >= 1_000_000,
      }),
      absoluteFigure({
        figure: "Scale: build time (synthetic vectors)",
        value: `${formatNumber(build.ms / 1000)} s`,
      }),
      absoluteFigure({
        figure: "Scale: build peak RSS",
        value: `${formatNumber(built.peakRssMb)} MB`,
        target: `≤ ${TARGETS.buildPeakRssMb} MB`,
        met: at(built.peakRssMb, TARGETS.buildPeakRssMb),
      }),
      absoluteFigure({ figure: "Scale: index on disk", value: `${formatNumber(indexMb)} MB` }),
      absoluteFigure({
        figure: "Scale: server start to first answered search",
        value: `${formatNumber(server.readyS)} s`,
        target: `≤ ${TARGETS.readyS} s`,
        met: at(server.readyS, TARGETS.readyS),
      }),
      absoluteFigure({
        figure: "Scale: server RSS at rest",
        value: `${formatNumber(restMb)} MB`,
        target: `≤ ${TARGETS.rssMb} MB`,
        met: at(restMb, TARGETS.rssMb),
      }),
      absoluteFigure({
        figure: "Scale: `/api/search` p50 beyond the embed, c1",
        value: `${formatNumber(p50)} ms`,
        target: `≤ ${TARGETS.searchP50Ms} ms`,
        met: at(p50, TARGETS.searchP50Ms) && errors === 0,
      }),
      absoluteFigure({
        figure: "Scale: `/api/search` p99 beyond the embed, c1",
        value: `${formatNumber(p99)} ms`,
        target: `≤ ${TARGETS.searchP99Ms} ms`,
        met: at(p99, TARGETS.searchP99Ms) && errors === 0,
      }),
      ...filtered.map((f) =>
        absoluteFigure({
          figure: `Scale: \`/api/search\` p50 / p99 beyond the embed, filtered to ${f.name} (${f.passing} papers pass)`,
          value: `${formatNumber(f.latency.p50 - embedMs.p50)} / ${formatNumber(f.latency.p99 - embedMs.p50)} ms`,
        }),
      ),
      absoluteFigure({
        figure: `Scale: model time, ${basename(context.modelDir)} (one pass per paper)`,
        value: `${formatNumber(modelPapersPerS)} papers/s → ${formatNumber(millionHours)} h per 1M papers`,
      }),
    ],
    json,
    notes: [
      `The corpus is generated (\`scripts/bench/arxiv-shaped-corpus.ts\`): arXiv's fields, hard-wrapped indented abstracts of 5–10 sentences (about 1,000–1,500 characters) made of the bundled abstracts' words with topic-skewed frequencies, 10% old-style ids. Build and serving use the real \`buildIndex\`, store and server, with a **synthetic vector source in place of the model** (\`scripts/bench/synthetic-embedder.ts\`: deterministic low-rank 384-d vectors from each text's hash, labelled \`${SYNTHETIC_MODEL_ID}\` in the index), so these rows measure storage and serving only. Build peak RSS is the build process's own maximum resident set (getrusage). Ready is from spawning the server to its first answered \`/api/search\`; RSS at rest is read after ${WARM_UP} warm-up and ${QUESTIONS} measured searches. Search latency is ${QUESTIONS} questions (5–9 consecutive words of the corpus's abstracts) at concurrency 1, k ${K}, minus the synthetic embed's p50 (${formatNumber(embedMs.p50)} ms): the real model's embed comes on top (about 7–10 ms for MiniLM on this machine, see the query section). Filtered searches: ${FILTERED_QUESTIONS} of the same questions (after ${WARM_UP} warm-up) under each of two filters taken from the served corpus's facets: its most frequent category in its last year (few papers pass, so they are scored exactly, their vectors read from the graph file) and that category alone (many pass: the graph search keeps walking until enough do).`,
      `Model time: \`buildIndex\` (one model pass per paper, sentence vectors pooled) over the first ${MODEL_PAPERS} papers of the same corpus with ${basename(context.modelDir)}, ${formatNumber(modelPapersPerS)} papers/s end to end; a million papers is that rate extrapolated.`,
    ],
  };
}
