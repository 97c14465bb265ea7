import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchContext, BenchSection } from "./bench-section.ts";
import { absoluteFigure, formatNumber } from "./figure.ts";
import { generatedCorpus, questionsFrom, searchPath } from "./generated-corpus.ts";
import { runLoadTest } from "./load-test.ts";
import { runTimed, startServer } from "./processes.ts";
import { summarize } from "./stats.ts";
import { syntheticEmbedP50 } from "./synthetic-embedder.ts";

/** The targets at a million papers. */
const TARGETS = {
  buildPeakRssMb: 8000,
  readyS: 15,
  rssMb: 4000,
  searchP50Ms: 25,
  searchP99Ms: 150,
  recommendP50Ms: 150,
};
const QUESTIONS = 300;
/** Collections of `COLLECTION_PAPERS` papers asked for recommendations, after a warm-up. */
const COLLECTIONS = 40;
const COLLECTION_PAPERS = 5;
const WARM_UP = 30;
const K = 10;

function folderBytes(path: string): number {
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}
/**
 * Recommendations for collections of 5 papers spread over the corpus, one request at a time
 * (the first few as a warm-up: the recommender samples its negatives once): their latencies.
 */
async function recommendLatencies(url: string, papers: number): Promise<number[]> {
  const json = { "content-type": "application/json" };
  const latencies: number[] = [];
  for (let c = 0; c < COLLECTIONS + 5; c++) {
    const offset = Math.floor(((c + 0.5) * papers) / (COLLECTIONS + 5));
    const page = await fetch(`${url}/api/papers?offset=${offset}&limit=${COLLECTION_PAPERS}`);
    const ids = ((await page.json()) as { papers: { id: string }[] }).papers.map((p) => p.id);
    const name = `scale-${c}`;
    await fetch(`${url}/api/collections`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ name }),
    });
    await fetch(`${url}/api/collections/${name}/papers`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ ids }),
    });
    const started = performance.now();
    const answer = await fetch(`${url}/api/collections/${name}/recommend?k=${K}`);
    const { results } = (await answer.json()) as { results: unknown[] };
    if (!answer.ok || results.length === 0)
      throw new Error(`recommend for ${name}: ${answer.status}`);
    if (c >= 5) latencies.push(performance.now() - started);
  }
  return latencies;
}

/** What the scale build measured of itself. */
interface ScaleBuild {
  papers: number;
  peakRssMb: number;
  seconds: number;
}

/** Builds the index, or reads what a build into the same folder measured before. */
async function buildOnce(
  context: BenchContext,
  child: string[],
  corpus: string,
  indexDir: string,
): Promise<ScaleBuild> {
  const summary = join(indexDir, "scale-build.json");
  if (existsSync(summary)) {
    context.log(`scale: reusing the index in ${indexDir} (${summary})`);
    return JSON.parse(readFileSync(summary, "utf8")) as ScaleBuild;
  }
  context.log(`scale: building the index of ${context.scalePapers} papers (synthetic vectors)`);
  const build = await runTimed(context.repoRoot, [...child, "build", corpus, indexDir]);
  const built = { ...JSON.parse(build.stdout), seconds: build.ms / 1000 } as ScaleBuild;
  writeFileSync(summary, JSON.stringify(built));
  return built;
}

/**
 * The scale section: an arXiv-shaped corpus of `--papers` papers (default a million) built by
 * the real `buildIndex` and served by the real server, with a labelled synthetic vector source
 * in place of the model, so that it measures storage and serving only (the model's own speed is
 * the indexing section's).
 *
 * @example
 * const section = await runScaleBench({ ...context, scalePapers: 10_000 });
 */
export async function runScaleBench(context: BenchContext): Promise<BenchSection> {
  const { repoRoot, log } = context;
  const corpus = await generatedCorpus(context, context.scalePapers);
  const indexDir = context.scaleIndex ?? join(context.workDir, "scale-index");
  const child = ["--import", "tsx", join(repoRoot, "scripts/bench/scale-process.ts")];
  const built = await buildOnce(context, child, corpus, indexDir);
  const indexMb = folderBytes(indexDir) / 2 ** 20;
  const questions = await questionsFrom(corpus, QUESTIONS + WARM_UP + 1);
  log("scale: starting the server");
  const server = await startServer(
    repoRoot,
    [...child, "serve", indexDir],
    searchPath(questions[0]!, K),
  );
  try {
    const requests = questions
      .slice(1)
      .map((q) => ({ method: "GET" as const, path: searchPath(q, K) }));
    await runLoadTest({ url: server.url, connections: 1, requests: requests.slice(0, WARM_UP) });
    const measured = await runLoadTest({
      url: server.url,
      connections: 1,
      requests: requests.slice(WARM_UP),
    });
    const restMb = server.rssMb();
    const embedP50 = await syntheticEmbedP50(questions.slice(WARM_UP + 1));
    log("scale: recommendations for collections of 5 papers");
    const recommend = summarize(await recommendLatencies(server.url, built.papers));
    const search = summarize(measured.latenciesMs);
    const json = {
      papers: built.papers,
      build_s: built.seconds,
      build_peak_rss_mb: built.peakRssMb,
      index_mb: indexMb,
      ready_s: server.readyMs / 1000,
      rss_mb: restMb,
      search_p50_ms: search.p50 - embedP50,
      search_p99_ms: search.p99 - embedP50,
      search_errors: measured.errors,
      recommend_p50_ms: recommend.p50,
      recommend_p99_ms: recommend.p99,
      synthetic_embed_p50_ms: embedP50,
    };
    const atMost = (figure: string, value: number, target: number, unit: string) =>
      absoluteFigure({
        figure: `Scale: ${figure}`,
        value: `${formatNumber(value)} ${unit}`,
        target: `≤ ${target} ${unit}`,
        met: value <= target && measured.errors === 0,
      });
    return {
      key: "scale",
      title: `Scale: ${built.papers} arXiv-shaped papers`,
      model: "none: a synthetic vector source stands in for the model",
      figures: [
        absoluteFigure({
          figure: "Scale: papers indexed",
          value: String(built.papers),
          target: "≥ 1000000",
          met: built.papers >= 1_000_000,
        }),
        absoluteFigure({ figure: "Scale: build time", value: `${formatNumber(json.build_s)} s` }),
        atMost("build peak RSS", built.peakRssMb, TARGETS.buildPeakRssMb, "MB"),
        absoluteFigure({ figure: "Scale: index on disk", value: `${formatNumber(indexMb)} MB` }),
        atMost("server start to first answered search", json.ready_s, TARGETS.readyS, "s"),
        atMost("server RSS at rest", restMb, TARGETS.rssMb, "MB"),
        atMost(
          "`/api/search` p50 beyond the embed, c1",
          json.search_p50_ms,
          TARGETS.searchP50Ms,
          "ms",
        ),
        atMost(
          "`/api/search` p99 beyond the embed, c1",
          json.search_p99_ms,
          TARGETS.searchP99Ms,
          "ms",
        ),
        atMost(
          "`/api/collections/:name/recommend` p50, a collection of 5 papers, k 10",
          recommend.p50,
          TARGETS.recommendP50Ms,
          "ms",
        ),
      ],
      json,
      notes: [
        `Recommendations: ${COLLECTIONS} collections of ${COLLECTION_PAPERS} consecutive papers spread over the corpus, one request each after 5 warm-up ones (the first samples the classifier's negatives); no model is involved (stored vectors, the graph, a linear SVM).`,
        `${QUESTIONS} questions at concurrency 1 after ${WARM_UP} warm-up; the synthetic embed's p50 (${formatNumber(embedP50)} ms) is taken off, the real model's embed comes on top (the query section's bare embed).`,
      ],
    };
  } finally {
    await server.stop();
  }
}
