import { existsSync } from "node:fs";
import { join } from "node:path";
import { readCorpus, splitSentences } from "../../src/corpus/index.ts";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import { ENCODER_FILES, type ModelDtype } from "../../src/embed/model-source.ts";
import type { Embedder, PaperToEmbed } from "../../src/embed/types.ts";
import { writeArxivShapedCorpus } from "./arxiv-shaped-corpus.ts";
import type { BenchContext, BenchSection } from "./bench-section.ts";
import { absoluteFigure, comparedFigure, formatNumber } from "./figure.ts";
import { inBatchesOf } from "./in-batches-of.ts";
import { percentile } from "./stats.ts";

/** Issue 24's target: the int8 encoder embeds arXiv-shaped papers at least 1.8× as fast. */
const TARGET_SPEEDUP = 1.8;
/** `loadEmbedder`'s default batch, which `paperchat index` uses. */
const BATCH_SIZE = 32;
const ARXIV_PAPERS = 256;
const ROUNDS = 5;
/** A 10-word question, numbered so that no two are the same text. */
const QUESTION = "graph neural networks for recommendation with sparse Bayesian priors";
const QUESTIONS_PER_BATCH = 4;

type Side = { dtype: ModelDtype; embedder: Embedder; roundMs: number[]; questionMs: number[] };

const median = (values: readonly number[]) => percentile(values, 50);

async function paperInputs(file: string): Promise<PaperToEmbed[]> {
  const { papers } = await readCorpus([file]);
  return papers.map(({ title, abstract }) => ({
    title,
    abstract,
    sentences: splitSentences(abstract).map((s) => [s.start, s.end] as const),
  }));
}

/**
 * Both encoders embed the same papers batch by batch (`embedPapers`, as `paperchat index`
 * does), taking turns on every batch and alternating who goes first, so bursts of other work
 * on a shared machine fall on both; after each batch each side embeds a few questions alone.
 * Returns each side's total per round.
 */
async function race(sides: Side[], papers: PaperToEmbed[], tag: string): Promise<void> {
  const batches = inBatchesOf(papers, BATCH_SIZE);
  for (let round = 0; round < ROUNDS; round++) {
    const totals = sides.map(() => 0);
    for (const [b, batch] of batches.entries()) {
      const order = (round + b) % 2 === 0 ? [0, 1] : [1, 0];
      for (const s of order) {
        const side = sides[s]!;
        const started = performance.now();
        await side.embedder.embedPapers(batch);
        totals[s]! += performance.now() - started;
        for (let q = 0; q < QUESTIONS_PER_BATCH; q++) {
          const asked = performance.now();
          await side.embedder.embed([`${QUESTION} ${tag}${round}-${b}-${q}`]);
          side.questionMs.push(performance.now() - asked);
        }
      }
    }
    for (const [s, side] of sides.entries()) side.roundMs.push(totals[s]!);
  }
}

/** Per round, fp32's time ÷ int8's time; the median of the rounds. */
function speedup([float, int8]: Side[]): { median: number; rounds: number[] } {
  const rounds = float!.roundMs.map((ms, round) => ms / int8!.roundMs[round]!);
  return { median: median(rounds), rounds };
}

/**
 * The int8 encoder (`--dtype q8`, written by `model import --quantize int8`) against the float32
 * one: papers/s of the model pass over arXiv-shaped abstracts (the target) and over the bundled
 * corpus, and the latency of a question embedded alone, in one process with onnxruntime's
 * default threads (one per core).
 *
 * @example
 * const section = await runInt8Bench(context);
 */
export async function runInt8Bench(context: BenchContext): Promise<BenchSection> {
  const base = { key: "int8", title: "The int8 encoder against float32" };
  if (!existsSync(join(context.modelDir, ENCODER_FILES.q8))) {
    const why = `${context.modelDir} has no ${ENCODER_FILES.q8} (npm run model:real writes it)`;
    return {
      ...base,
      figures: [absoluteFigure({ figure: "int8 speedup", value: "not measured", target: why })],
      json: { skipped: why },
      notes: [`Not measured: ${why}.`],
    };
  }
  const arxivFile = join(context.workDir, "int8-arxiv.jsonl");
  await writeArxivShapedCorpus({
    papers: ARXIV_PAPERS,
    file: arxivFile,
    bundledCorpus: join(context.repoRoot, "data/trending-papers.txt"),
  });
  const corpora = {
    arxiv: await paperInputs(arxivFile),
    bundled: await paperInputs(join(context.repoRoot, "data/trending-papers.txt")),
  };
  const results: Record<string, { sides: Side[]; papers: number }> = {};
  for (const [name, papers] of Object.entries(corpora)) {
    const sides: Side[] = [];
    for (const dtype of ["fp32", "q8"] as const) {
      const embedder = await loadEmbedder({
        model: context.modelDir,
        dtype,
        offline: true,
        cacheDir: join(context.workDir, "int8-cache"),
        batchSize: BATCH_SIZE,
      });
      await embedder.embedPapers(papers.slice(0, BATCH_SIZE));
      sides.push({ dtype, embedder, roundMs: [], questionMs: [] });
    }
    context.log(`int8: ${name}, ${papers.length} papers, ${ROUNDS} rounds`);
    await race(sides, papers, name);
    results[name] = { sides, papers: papers.length };
  }

  const rate = (side: Side, papers: number) => (papers / median(side.roundMs)) * 1000;
  const arxiv = results.arxiv!;
  const bundled = results.bundled!;
  const arxivSpeedup = speedup(arxiv.sides);
  const bundledSpeedup = speedup(bundled.sides);
  const questionMs = (s: number) =>
    median(Object.values(results).flatMap((result) => result.sides[s]!.questionMs));
  const questions = [questionMs(0), questionMs(1)];
  const papersPerSecond = (result: typeof arxiv, s: number) =>
    `${formatNumber(rate(result.sides[s]!, result.papers))} papers/s`;
  return {
    ...base,
    figures: [
      comparedFigure({
        figure: `Model pass, ${ARXIV_PAPERS} arXiv-shaped papers: int8 vs float32`,
        value: papersPerSecond(arxiv, 1),
        reference: papersPerSecond(arxiv, 0),
        ratio: arxivSpeedup.median,
        target: { atLeast: TARGET_SPEEDUP },
      }),
      comparedFigure({
        figure: "Model pass, the bundled 70 papers: int8 vs float32",
        value: papersPerSecond(bundled, 1),
        reference: papersPerSecond(bundled, 0),
        ratio: bundledSpeedup.median,
      }),
      comparedFigure({
        figure: "A 10-word question embedded alone: int8 vs float32 (median)",
        value: `${formatNumber(questions[1]!)} ms`,
        reference: `${formatNumber(questions[0]!)} ms`,
        ratio: questions[1]! / questions[0]!,
      }),
    ],
    json: {
      int8_speedup: arxivSpeedup.median,
      int8_speedup_rounds: arxivSpeedup.rounds,
      bundled_speedup: bundledSpeedup.median,
      bundled_speedup_rounds: bundledSpeedup.rounds,
      question_ms: { fp32: questions[0], q8: questions[1] },
      batch_size: BATCH_SIZE,
      rounds: ROUNDS,
    },
    notes: [
      `Both encoders of ${context.modelDescription} run in this process through \`loadEmbedder\` (onnxruntime's default threads: one per core), embedding the same papers with \`embedPapers\` in batches of ${BATCH_SIZE}, as \`paperchat index\` does; they take turns on every batch, alternating who goes first, and each round's speedup is float32's time ÷ int8's time over all batches. The figure is the median of ${ROUNDS} rounds. Indexing end to end adds storage and the HNSW build, the same for both.`,
      `After each batch each side embeds ${QUESTIONS_PER_BATCH} distinct 10-word questions alone (the server's one-question case); the figure is the median of all of them.`,
    ],
  };
}
