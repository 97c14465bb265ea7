import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generatedCorpus, questionsFrom } from "./arxiv-shaped-corpus.ts";
import { type BenchContext, type BenchSection, formatNumber, judged, row } from "./section.ts";
import { summarize } from "./stats.ts";
import {
  buildSyntheticStore,
  SEARCHES,
  type SyntheticBuild,
  searchSyntheticStore,
} from "./synthetic-store.ts";

/** The targets at a million papers. */
const TARGETS = {
  buildPeakRssMb: 8000,
  readyS: 15,
  rssMb: 4000,
  searchP50Ms: 25,
  searchP99Ms: 150,
  recommendP50Ms: 150,
};
/** Collections of `COLLECTION_PAPERS` papers asked for recommendations, after 5 warm-up ones. */
const COLLECTIONS = 40;
const COLLECTION_PAPERS = 5;

function folderBytes(path: string): number {
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** The latencies of recommendations for collections of 5 papers spread over the corpus. */
async function recommendLatencies(url: string, papers: number): Promise<number[]> {
  const post = (path: string, body: unknown) =>
    fetch(url + path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const latencies: number[] = [];
  for (let c = 0; c < COLLECTIONS + 5; c++) {
    const offset = Math.floor(((c + 0.5) * papers) / (COLLECTIONS + 5));
    const page = await fetch(`${url}/api/papers?offset=${offset}&limit=${COLLECTION_PAPERS}`);
    const ids = ((await page.json()) as { papers: { id: string }[] }).papers.map((p) => p.id);
    const name = `scale-${c}`;
    await post("/api/collections", { name });
    await post(`/api/collections/${name}/papers`, { ids });
    const started = performance.now();
    const answer = await fetch(`${url}/api/collections/${name}/recommend?k=${SEARCHES.k}`);
    const { results } = (await answer.json()) as { results: unknown[] };
    if (!answer.ok || results.length === 0)
      throw new Error(`recommend for ${name}: ${answer.status}`);
    if (c >= 5) latencies.push(performance.now() - started);
  }
  return latencies;
}

/** Builds the index, or reads what a build into the same folder measured before. */
async function buildOnce(context: BenchContext, corpus: string, indexDir: string) {
  const summary = join(indexDir, "scale-build.json");
  if (existsSync(summary)) {
    context.log(`scale: reusing the index in ${indexDir} (${summary})`);
    return JSON.parse(readFileSync(summary, "utf8")) as SyntheticBuild;
  }
  context.log(`scale: building the index of ${context.scalePapers} papers (synthetic vectors)`);
  const built = await buildSyntheticStore(context, corpus, indexDir);
  writeFileSync(summary, JSON.stringify(built));
  return built;
}

/** Scale: a million arXiv-shaped papers built and served with synthetic vectors. */
export async function runScaleBench(context: BenchContext): Promise<BenchSection> {
  const corpus = await generatedCorpus(context, context.scalePapers);
  const indexDir = context.scaleIndex ?? join(context.workDir, "scale-index");
  const built = await buildOnce(context, corpus, indexDir);
  const indexMb = folderBytes(indexDir) / 2 ** 20;
  const questions = await questionsFrom(corpus, SEARCHES.questions + SEARCHES.warmUp + 1);
  context.log("scale: starting the server");
  const served = await searchSyntheticStore(context, indexDir, questions, [1], (server) => {
    context.log("scale: recommendations for collections of 5 papers");
    return recommendLatencies(server.url, built.papers);
  });
  const search = served.latencies[0]!;
  const recommend = summarize(served.measuredAfter);
  const embedP50 = served.embedP50Ms;
  const json = {
    papers: built.papers,
    build_s: built.seconds,
    build_peak_rss_mb: built.peakRssMb,
    index_mb: indexMb,
    ready_s: served.readyS,
    rss_mb: served.rssMb,
    search_p50_ms: search.p50 - embedP50,
    search_p99_ms: search.p99 - embedP50,
    request_p50_ms: search.p50,
    request_p99_ms: search.p99,
    search_errors: served.errors,
    recommend_p50_ms: recommend.p50,
    recommend_p99_ms: recommend.p99,
    synthetic_embed_p50_ms: embedP50,
    vector_source: "synthetic low-rank 384-d (not a model) for build and serving",
  };
  /** A row with a ceiling, missed also when any search failed. */
  const atMost = (figure: string, value: number, limit: number, unit: string) => {
    const verdict = judged(value, { atMost: limit }, ` ${unit}`);
    const met = verdict.met && served.errors === 0;
    return row(`Scale: ${figure}`, `${formatNumber(value)} ${unit}`, "—", { ...verdict, met });
  };
  return {
    key: "scale",
    title: `Scale: ${built.papers} arXiv-shaped papers`,
    model: "none: a synthetic vector source stands in for the model",
    figures: [
      row("Scale: papers indexed", String(built.papers), "—", {
        target: "≥ 1,000,000",
        met: built.papers >= 1_000_000,
      }),
      row("Scale: build time (synthetic vectors)", `${formatNumber(json.build_s)} s`),
      atMost("build peak RSS", json.build_peak_rss_mb, TARGETS.buildPeakRssMb, "MB"),
      row("Scale: index on disk", `${formatNumber(json.index_mb)} MB`),
      atMost("server start to first answered search", json.ready_s, TARGETS.readyS, "s"),
      atMost("server RSS at rest", json.rss_mb, TARGETS.rssMb, "MB"),
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
      `${SEARCHES.questions} questions at concurrency 1 after ${SEARCHES.warmUp} warm-up; the synthetic embed's p50 (${formatNumber(embedP50)} ms) is taken off, the real model's embed comes on top (the query section's bare embed).`,
    ],
  };
}
