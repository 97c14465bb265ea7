import { readBundledCorpus, serveBundledIndex } from "./bundled-corpus.ts";
import { inBatchesOf } from "./in-batches-of.ts";
import { type LoadTestResult, runLoadTest, searchPath } from "./load-test.ts";
import { type BenchContext, type BenchSection, formatNumber, ratioRow, row } from "./section.ts";
import { type SampleSummary, summarize, timeEach } from "./stats.ts";

/** c1: p50 within this multiple of the bare embed; c16: this multiple of embeds/s one at a time. */
const TARGETS = { c1: 1.25, c16Throughput: 1.3 };
const K = 10;
/** Requests (and bare embeds) that only warm things up. */
const WARM_UP = 20;
/** Concurrency 1 alternates between bare embeds and server requests in this many blocks. */
const BLOCKS = 16;

/** A 2xx search answer that has results, each with snippets. */
function isSearchAnswer(body: string): boolean {
  try {
    const { results } = JSON.parse(body) as { results?: Array<{ snippets?: unknown[] }> };
    return Array.isArray(results) && results.length > 0 && results.every((r) => r.snippets);
  } catch {
    return false;
  }
}

/** Distinct questions (no answer can come from a cache): dev questions, titles and sentences in turn. */
async function questionPool(repoRoot: string): Promise<string[]> {
  const corpus = await readBundledCorpus(repoRoot);
  const lists = [
    corpus.devQuestions,
    corpus.papers.map((paper) => paper.title),
    corpus.sentences.flat().map((sentence) => sentence.text),
  ];
  const questions = new Set<string>();
  for (let i = 0; i < Math.max(...lists.map((list) => list.length)); i++) {
    for (const list of lists) if (i < list.length) questions.add(list[i]!);
  }
  return [...questions];
}

const ms = (value: number) => `${formatNumber(value)} ms`;

const latencyJson = (s: SampleSummary, seconds: number) => ({
  requests: s.count,
  p50_ms: s.p50,
  p95_ms: s.p95,
  p99_ms: s.p99,
  requests_per_s: s.count / seconds,
});

/** Query: `/api/search` at concurrency 1 and 16 against the bare embed of each question. */
export async function runQueryBench(context: BenchContext): Promise<BenchSection> {
  const questions = await questionPool(context.repoRoot);
  const warmUp = questions.slice(-WARM_UP);
  const measured = questions.slice(0, -WARM_UP);
  const c1Questions = measured.filter((_, i) => i % 2 === 0);
  const c16Questions = measured.filter((_, i) => i % 2 === 1);
  const embedder = await context.loadEmbedder();
  const timeEmbeds = (asked: string[]) => timeEach(asked, (question) => embedder.embed([question]));
  const server = await serveBundledIndex(context);
  try {
    const ask = (asked: string[], connections: number) =>
      runLoadTest({
        url: server.url,
        connections,
        requests: asked.map((q) => ({ method: "GET" as const, path: searchPath(q, K) })),
        verifyBody: isSearchAnswer,
      });
    await timeEmbeds(warmUp);
    await ask(warmUp, 1);
    context.log(`query: concurrency 1, ${c1Questions.length} questions in ${BLOCKS} blocks`);
    const embedMs: number[] = [];
    const blocks: LoadTestResult[] = [];
    for (const block of inBatchesOf(c1Questions, Math.ceil(c1Questions.length / BLOCKS))) {
      embedMs.push(...(await timeEmbeds(block)));
      blocks.push(await ask(block, 1));
    }
    context.log(`query: concurrency 16, ${c16Questions.length} questions`);
    const c16Run = await ask(c16Questions, 16);
    const embed = summarize(embedMs);
    const one = summarize(blocks.flatMap((run) => run.latenciesMs));
    const sixteen = summarize(c16Run.latenciesMs);
    const errors = [...blocks, c16Run].reduce((sum, run) => sum + run.errors, 0);
    const ratio = one.p50 / embed.p50;
    const embedsPerS = 1000 / embed.mean;
    const throughputRatio = sixteen.count / c16Run.seconds / embedsPerS;
    const c1Seconds = blocks.reduce((sum, run) => sum + run.seconds, 0);
    return {
      key: "query",
      title: "Query latency and throughput",
      figures: [
        ratioRow(
          "`/api/search` p50, concurrency 1",
          ms(one.p50),
          `${ms(embed.p50)} bare embed p50`,
          ratio,
          { atMost: TARGETS.c1 },
        ),
        ratioRow(
          "`/api/search` p95 / p99, concurrency 1",
          `${ms(one.p95)} / ${ms(one.p99)}`,
          `${ms(embed.p95)} / ${ms(embed.p99)} bare embed`,
          one.p99 / embed.p99,
        ),
        ratioRow(
          "`/api/search` throughput, concurrency 16",
          `${formatNumber(sixteen.count / c16Run.seconds)} req/s`,
          `${formatNumber(embedsPerS)} bare embeds/s one at a time`,
          throughputRatio,
          { atLeast: TARGETS.c16Throughput },
        ),
        row(
          "`/api/search` p50 / p95 / p99, concurrency 16",
          `${ms(sixteen.p50)} / ${ms(sixteen.p95)} / ${ms(sixteen.p99)}`,
        ),
        row("`/api/search` errors", String(errors), `${one.count + sixteen.count} requests`, {
          target: "0",
          met: errors === 0,
        }),
      ],
      json: {
        c1: { ...latencyJson(one, c1Seconds), embed_p50_ms: embed.p50, ratio },
        c16: {
          ...latencyJson(sixteen, c16Run.seconds),
          embeds_per_s: embedsPerS,
          throughput_ratio: throughputRatio,
        },
        errors,
      },
      notes: [
        `The bundled 70-paper index; ${c1Questions.length} questions at concurrency 1 (in ${BLOCKS} blocks, each after the bare embeds of the same questions) and ${c16Questions.length} others at 16, after ${WARM_UP} warm-up requests, k ${K}.`,
      ],
    };
  } finally {
    await server.stop();
  }
}
