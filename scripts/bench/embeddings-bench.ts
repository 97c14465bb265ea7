import { join } from "node:path";
import { readCorpus, splitSentences } from "../../src/corpus/index.ts";
import type { BenchContext, BenchSection } from "./bench-section.ts";
import { bundledIndexArgs } from "./bundled-index.ts";
import { absoluteFigure, comparedFigure, formatNumber } from "./figure.ts";
import { inBatchesOf } from "./in-batches-of.ts";
import { errorCount, type LoadRequest, runLoadTest } from "./load-test.ts";
import { loadRawPipeline, timeBatches } from "./raw-pipeline.ts";
import { startServerProcess } from "./server-process.ts";
import { summarize } from "./stats.ts";

/** The target: 16 one-input clients get at least this share of batch-of-16 throughput. */
const TARGET_RATIO = 0.8;
const CLIENTS = 16;
/** Each side runs this often, alternating which goes first; the fastest run of each counts. */
const ROUNDS = 2;
const WARM_UP = 32;

const embeddingRequest = (input: string): LoadRequest => ({
  method: "POST",
  path: "/v1/embeddings",
  body: JSON.stringify({ input }),
});

/** A 2xx embeddings answer with exactly one non-empty vector. */
function isEmbeddingAnswer(body: string): boolean {
  try {
    const { data } = JSON.parse(body) as { data?: Array<{ embedding?: unknown[] }> };
    return data?.length === 1 && Array.isArray(data[0]!.embedding) && data[0]!.embedding.length > 0;
  } catch {
    return false;
  }
}

/**
 * Embeddings API throughput: `POST /v1/embeddings` from 16 concurrent clients sending one
 * input each, against the raw transformers.js pipeline embedding the same inputs in batches of
 * 16 in this process.
 *
 * @example
 * const section = await runEmbeddingsBench(context);
 */
export async function runEmbeddingsBench(context: BenchContext): Promise<BenchSection> {
  const { log } = context;
  const { papers } = await readCorpus([join(context.repoRoot, "data/trending-papers.txt")]);
  const sentences = papers.flatMap((paper) => splitSentences(paper.abstract).map((s) => s.text));
  const warmUp = papers.slice(0, WARM_UP).map((paper) => paper.title);
  const inputs = sentences.slice(0, sentences.length - (sentences.length % CLIENTS));
  const batches = inBatchesOf(inputs, CLIENTS);

  const args = await bundledIndexArgs(context);
  const extractor = await loadRawPipeline(context.modelDir);
  await timeBatches(extractor, inBatchesOf(warmUp, CLIENTS));
  log("embeddings: starting paperchat serve");
  const server = await startServerProcess(context.repoRoot, {
    command: "serve",
    args,
    readyPath: "/api/health",
  });
  try {
    await runLoadTest({
      url: server.url,
      connections: CLIENTS,
      requests: warmUp.map(embeddingRequest),
    });
    const rawSeconds: number[] = [];
    const served: Array<Awaited<ReturnType<typeof runLoadTest>>> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const sides = [
        async () => {
          log(
            `embeddings: raw pipeline, ${batches.length} batches of ${CLIENTS}, round ${round + 1}/${ROUNDS}`,
          );
          rawSeconds.push((await timeBatches(extractor, batches)) / 1000);
        },
        async () => {
          log(
            `embeddings: ${CLIENTS} clients × ${inputs.length} requests, round ${round + 1}/${ROUNDS}`,
          );
          served.push(
            await runLoadTest({
              url: server.url,
              connections: CLIENTS,
              requests: inputs.map(embeddingRequest),
              verifyBody: isEmbeddingAnswer,
            }),
          );
        },
      ];
      for (const side of round % 2 === 0 ? sides : sides.reverse()) await side();
    }
    const raw = Math.min(...rawSeconds);
    const best = served.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const servedRate = inputs.length / best.seconds;
    const rawRate = inputs.length / raw;
    const ratio = servedRate / rawRate;
    const errors = served.reduce((sum, run) => sum + errorCount(run), 0);
    const latency = summarize(best.latenciesMs);
    return {
      key: "embeddings",
      title: "Embeddings API",
      figures: [
        comparedFigure({
          figure: `\`/v1/embeddings\` throughput, ${CLIENTS} clients × 1 input`,
          value: `${formatNumber(servedRate)} inputs/s`,
          reference: `${formatNumber(rawRate)} inputs/s raw pipeline, batches of ${CLIENTS}`,
          ratio,
          target: { atLeast: TARGET_RATIO },
        }),
        absoluteFigure({
          figure: "`/v1/embeddings` errors",
          value: String(errors),
          reference: `${inputs.length * ROUNDS} requests`,
          target: "0",
          met: errors === 0,
        }),
      ],
      json: {
        ratio,
        inputs_per_s: servedRate,
        raw_inputs_per_s: rawRate,
        clients: CLIENTS,
        inputs: inputs.length,
        p50_ms: latency.p50,
        p99_ms: latency.p99,
        errors,
        served_runs_s: served.map((run) => run.seconds),
        raw_runs_s: rawSeconds,
        target: TARGET_RATIO,
        met: ratio >= TARGET_RATIO && errors === 0,
      },
      notes: [
        `\`POST /v1/embeddings\` with \`{"input": "<one abstract sentence>"}\` against \`node bin/paperchat.js serve\`, from ${CLIENTS} autocannon clients that each wait for their answer before sending the next; ${inputs.length} distinct sentences of the bundled corpus, after ${WARM_UP} warm-up requests. Throughput is inputs answered ÷ time from the first request to the last answer; per-request latency in the fastest run: p50 ${formatNumber(latency.p50)} ms, p99 ${formatNumber(latency.p99)} ms.`,
        `The reference is \`pipeline('feature-extraction', M, { dtype: 'fp32' })\` (mean pooling, normalised) in this process embedding the same sentences in order, ${CLIENTS} per call, while the server is idle. Each side ran ${ROUNDS}× alternating which went first; the fastest of each counts.`,
      ],
    };
  } finally {
    await server.stop();
  }
}
