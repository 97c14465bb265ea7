/**
 * What one model pass per paper costs, in process, on the bundled corpus:
 *
 *   tsx scripts/bench/pooling-bench.ts [--model DIR] [--rounds N]
 *
 * prints JSON (papers/s of each way of embedding, by wall clock and per CPU-second, and how the
 * pooled vectors agree).
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { readCorpus } from "../../src/corpus/read-corpus.ts";
import { splitSentences } from "../../src/corpus/split-sentences.ts";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import type { PaperEmbedding, PaperToEmbed } from "../../src/embed/types.ts";
import { ensureBenchModel } from "./bench-model.ts";

export interface PoolingBenchOptions {
  /** A model folder; the MiniLM-shaped fixture in the bench. */
  modelDir: string;
  corpusFile: string;
  /** Each way runs this often, in rotating order; the fastest run of each counts. */
  rounds?: number;
  batchSize?: number;
  /** Where the model cache would go (nothing is downloaded: the model is a folder). */
  cacheDir: string;
}

export interface PoolingBenchResult {
  papers: number;
  sentences: number;
  batch_size: number;
  /** `embed` of the paper texts only: the raw model's papers/s. */
  paper_texts_papers_per_s: number;
  /** `embedPapers`: paper and sentence vectors from one pass per paper. */
  embed_papers_papers_per_s: number;
  /** `embed` of the paper texts and of every sentence separately (indexing before `embedPapers`). */
  separate_sentences_papers_per_s: number;
  /** `embedPapers` ÷ paper texts only. */
  embed_papers_ratio: number;
  /**
   * The same three per CPU-second of this process (all its threads): steadier than wall time
   * when other work shares the cores.
   */
  cpu_papers_per_s: { paper_texts: number; embed_papers: number; separate_sentences: number };
  cpu_embed_papers_ratio: number;
  /** Largest |difference| of a paper vector from `embedPapers` and from `embed`. */
  paper_max_abs_diff: number;
  /** Cosine of pooled sentence vectors with separately embedded ones. */
  sentence_cosine: { mean: number; min: number };
}

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

/**
 * Times the three ways of embedding the corpus with one loaded model and compares their vectors.
 *
 * @example
 * const result = await measurePooling({ modelDir, corpusFile: "data/trending-papers.txt", cacheDir: ".cache/models" });
 * result.embed_papers_ratio; // e.g. 0.95
 */
export async function measurePooling(options: PoolingBenchOptions): Promise<PoolingBenchResult> {
  const rounds = options.rounds ?? 3;
  const batchSize = options.batchSize ?? 32;
  const embedder = await loadEmbedder({
    model: options.modelDir,
    offline: true,
    cacheDir: options.cacheDir,
    batchSize,
  });
  const { papers: corpus } = await readCorpus(options.corpusFile);
  const papers: PaperToEmbed[] = corpus.map(({ title, abstract }) => ({
    title,
    abstract,
    sentences: splitSentences(abstract).map((s) => [s.start, s.end] as const),
  }));
  const paperTexts = papers.map((paper) => `${paper.title}\n${paper.abstract}`);
  const sentenceTexts = papers.flatMap((paper) =>
    paper.sentences.map(([start, end]) => paper.abstract.slice(start, end)),
  );
  await embedder.embed(["warm-up"]);

  let paperVectors: Float32Array[] = [];
  let pooled: PaperEmbedding[] = [];
  let separate: Float32Array[] = [];
  const ways = {
    paperTexts: async () => {
      paperVectors = await embedder.embed(paperTexts);
    },
    embedPapers: async () => {
      pooled = await embedder.embedPapers(papers);
    },
    separateSentences: async () => {
      separate = await embedder.embed([...paperTexts, ...sentenceTexts]);
    },
  };
  const order = Object.keys(ways) as (keyof typeof ways)[];
  const fastest = { paperTexts: Infinity, embedPapers: Infinity, separateSentences: Infinity };
  const leastCpu = { ...fastest };
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < order.length; k++) {
      const way = order[(round + k) % order.length]!;
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      await ways[way]();
      fastest[way] = Math.min(fastest[way], performance.now() - started);
      const cpu = process.cpuUsage(cpuBefore);
      leastCpu[way] = Math.min(leastCpu[way], (cpu.user + cpu.system) / 1000);
    }
  }

  const paperDiffs = pooled.flatMap(({ paper }, i) =>
    Array.from(paper, (x, d) => Math.abs(x - paperVectors[i]![d]!)),
  );
  const cosines = pooled
    .flatMap((paper) => paper.sentences)
    .map((vector, i) => cosine(vector, separate[papers.length + i]!));
  const perSecond = (ms: number) => papers.length / (ms / 1000);
  return {
    papers: papers.length,
    sentences: sentenceTexts.length,
    batch_size: batchSize,
    paper_texts_papers_per_s: perSecond(fastest.paperTexts),
    embed_papers_papers_per_s: perSecond(fastest.embedPapers),
    separate_sentences_papers_per_s: perSecond(fastest.separateSentences),
    embed_papers_ratio: fastest.paperTexts / fastest.embedPapers,
    cpu_papers_per_s: {
      paper_texts: perSecond(leastCpu.paperTexts),
      embed_papers: perSecond(leastCpu.embedPapers),
      separate_sentences: perSecond(leastCpu.separateSentences),
    },
    cpu_embed_papers_ratio: leastCpu.paperTexts / leastCpu.embedPapers,
    paper_max_abs_diff: Math.max(...paperDiffs),
    sentence_cosine: {
      mean: cosines.reduce((a, b) => a + b, 0) / cosines.length,
      min: Math.min(...cosines),
    },
  };
}

async function main(argv: string[]): Promise<number> {
  const repoRoot = resolve(import.meta.dirname, "../..");
  const { values } = parseArgs({
    args: argv,
    options: { model: { type: "string" }, rounds: { type: "string", default: "3" } },
  });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) {
    console.error(`--rounds must be a positive integer, not "${values.rounds}"`);
    return 2;
  }
  const modelDir = values.model
    ? resolve(values.model)
    : ensureBenchModel(repoRoot, (message) => console.error(message)).dir;
  const result = await measurePooling({
    modelDir,
    corpusFile: resolve(repoRoot, "data/trending-papers.txt"),
    cacheDir: resolve(repoRoot, ".cache/models"),
    rounds,
  });
  console.log(JSON.stringify(result, null, 2));
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  process.exitCode = await main(process.argv.slice(2));
}
