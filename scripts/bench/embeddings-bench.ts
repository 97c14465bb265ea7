import { readBundledCorpus, serveBundledIndex } from "./bundled-corpus.ts";
import { inBatchesOf } from "./in-batches-of.ts";
import { type LoadTestResult, runLoadTest } from "./load-test.ts";
import { type BenchContext, type BenchSection, formatNumber, ratioRow, row } from "./section.ts";

/** 16 one-input clients get at least this share of the model's batch-of-16 throughput. */
const TARGET_RATIO = 0.8;
const CLIENTS = 16;
/** Each side runs this often, alternating which goes first; the fastest run of each counts. */
const ROUNDS = 2;
const WARM_UP = 32;

/** A 2xx embeddings answer with exactly one non-empty vector. */
function isEmbeddingAnswer(body: string): boolean {
  try {
    const { data } = JSON.parse(body) as { data?: Array<{ embedding?: unknown[] }> };
    return data?.length === 1 && (data[0]!.embedding?.length ?? 0) > 0;
  } catch {
    return false;
  }
}

/** Embeddings: 16 one-input clients of `/v1/embeddings` against the model in batches of 16. */
export async function runEmbeddingsBench(context: BenchContext): Promise<BenchSection> {
  const corpus = await readBundledCorpus(context.repoRoot);
  const sentences = corpus.sentences.flat().map((sentence) => sentence.text);
  const inputs = sentences.slice(0, sentences.length - (sentences.length % CLIENTS));
  const warmUp = corpus.papers.slice(0, WARM_UP).map((paper) => paper.title);
  const embedder = await context.loadEmbedder();
  const timeBatches = async (texts: string[]) => {
    const started = performance.now();
    for (const batch of inBatchesOf(texts, CLIENTS)) await embedder.embed(batch);
    return (performance.now() - started) / 1000;
  };
  await timeBatches(warmUp);
  const server = await serveBundledIndex(context);
  try {
    const send = (texts: string[]) =>
      runLoadTest({
        url: server.url,
        connections: CLIENTS,
        requests: texts.map((input) => ({
          method: "POST" as const,
          path: "/v1/embeddings",
          body: JSON.stringify({ input }),
        })),
        verifyBody: isEmbeddingAnswer,
      });
    await send(warmUp);
    const modelSeconds: number[] = [];
    const served: LoadTestResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      context.log(`embeddings: ${inputs.length} inputs each way, round ${round + 1}/${ROUNDS}`);
      const model = async () => modelSeconds.push(await timeBatches(inputs));
      const serve = async () => served.push(await send(inputs));
      for (const side of round % 2 === 0 ? [model, serve] : [serve, model]) await side();
    }
    const servedRate = inputs.length / Math.min(...served.map((run) => run.seconds));
    const modelRate = inputs.length / Math.min(...modelSeconds);
    const ratio = servedRate / modelRate;
    const errors = served.reduce((sum, run) => sum + run.errors, 0);
    return {
      key: "embeddings",
      title: "Embeddings API",
      figures: [
        ratioRow(
          `\`/v1/embeddings\` throughput, ${CLIENTS} clients × 1 input`,
          `${formatNumber(servedRate)} inputs/s`,
          `${formatNumber(modelRate)} inputs/s the model alone, batches of ${CLIENTS}`,
          ratio,
          { atLeast: TARGET_RATIO },
        ),
        row("`/v1/embeddings` errors", String(errors), `${inputs.length * ROUNDS} requests`, {
          target: "0",
          met: errors === 0,
        }),
      ],
      json: {
        ratio,
        inputs_per_s: servedRate,
        model_inputs_per_s: modelRate,
        inputs: inputs.length,
        errors,
      },
      notes: [
        `${inputs.length} distinct sentences of the bundled corpus, after ${WARM_UP} warm-up requests; each side ran ${ROUNDS}× alternating which went first, the fastest of each counts.`,
      ],
    };
  } finally {
    await server.stop();
  }
}
