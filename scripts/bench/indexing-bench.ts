import { mkdtemp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import type { Embedder, PaperToEmbed } from "../../src/embed/types.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";
import { REAL_MODEL_FOLDER } from "../real-model/real-model-folder.ts";
import {
  cosineSummary,
  cosinesToReference,
  INT8_COSINE_FLOOR,
} from "../real-model/reference-vectors.ts";
import { generatedCorpus } from "./arxiv-shaped-corpus.ts";
import { paperchatArgs, runTimed } from "./processes.ts";
import { type BenchContext, type BenchSection, formatNumber, ratioRow, row } from "./section.ts";

/** Papers of the generated arXiv-shaped corpus: as many as the txtai figure was measured on. */
const PAPERS = 2000;
/** Each side runs this often, alternating which goes first; the fastest run of each counts. */
const ROUNDS = 3;
const TARGETS = { wallOverModel: 1.05, vsTxtai: 1.5, int8Speedup: 1.8 };
/** txtai's speed as issue 22 cites it (172 s for 2,000 arXiv-shaped papers on 2 cores). */
const TXTAI_PAPERS_PER_S = 2000 / 172;

/**
 * The `embedPapers` calls `paperchat index` makes for a corpus, in order, embedding nothing.
 *
 * @example
 * const chunks = await recordedChunks(["/tmp/corpus.jsonl"], "/tmp/work");
 */
export async function recordedChunks(
  corpusFiles: string[],
  workDir: string,
): Promise<PaperToEmbed[][]> {
  const chunks: PaperToEmbed[][] = [];
  const unit = new Float32Array(8);
  unit[0] = 1;
  const recorder: Embedder = {
    modelId: "chunk-recorder",
    dtype: "fp32",
    dims: unit.length,
    maxTokens: 512,
    stats: { calls: 0, texts: 0, truncated: 0 },
    embed: async (texts) => texts.map(() => unit),
    async embedPapers(papers) {
      chunks.push(papers.map(({ title, abstract, sentences }) => ({ title, abstract, sentences })));
      return papers.map((paper) => ({ paper: unit, sentences: paper.sentences.map(() => unit) }));
    },
    countTokens: (texts) => texts.map(() => 0),
  };
  // A fresh folder: an earlier recording's embedding cache would leave nothing to embed.
  const indexDir = await mkdtemp(join(workDir, "chunk-recorder-"));
  await buildIndex({ corpusFiles, indexDir, embedder: recorder });
  return chunks;
}

/** `paperchat index` and the model alone, in turns, with the model's `dtype` encoder. */
async function measureBuilds(context: BenchContext, corpus: string, dtype: "fp32" | "q8") {
  const { repoRoot, workDir, modelDir, log } = context;
  const chunks = await recordedChunks([corpus], workDir);
  const chunksFile = join(workDir, "indexing-chunks.json");
  await writeFile(chunksFile, JSON.stringify(chunks));
  const builds: { wall_ms: number; papers: number; sentences: number; build_s: number }[] = [];
  const models: { load_ms: number; embed_ms: number }[] = [];
  const build = async (round: number) => {
    log(`indexing: paperchat index --dtype ${dtype}, round ${round + 1}/${ROUNDS}`);
    // A fresh index folder each round: its embedding cache would spare the model's work.
    const indexDir = join(workDir, `indexing-index-${dtype}-${round}`);
    const args = ["index", "--corpus", corpus, "--model", modelDir, "--dtype", dtype];
    const index = [...args, "--offline", "--json", "--index-dir", indexDir];
    const run = await runTimed(repoRoot, paperchatArgs(repoRoot, index));
    const { papers, sentences, seconds } = JSON.parse(run.stdout);
    builds.push({ wall_ms: run.ms, papers, sentences, build_s: seconds });
  };
  const model = async (round: number) => {
    log(
      `indexing: the ${dtype} model alone, ${chunks.length} chunks, round ${round + 1}/${ROUNDS}`,
    );
    const script = join(repoRoot, "scripts/bench/model-alone-process.ts");
    const run = await runTimed(repoRoot, ["--import", "tsx", script, modelDir, chunksFile, dtype]);
    models.push(JSON.parse(run.stdout));
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of round % 2 === 0 ? [build, model] : [model, build]) await side(round);
  }
  return {
    build: builds.reduce((a, b) => (b.wall_ms < a.wall_ms ? b : a)),
    model: models.reduce((a, b) => (b.embed_ms < a.embed_ms ? b : a)),
    builds,
    models,
    chunks: chunks.length,
  };
}

/** The int8 encoder's mean and least cosine with float32 on the 58 reference texts (real model). */
async function int8Closeness(context: BenchContext) {
  if (context.modelDir !== REAL_MODEL_FOLDER || !context.modelHasInt8) return undefined;
  const cacheDir = join(context.workDir, "model-cache");
  const int8 = await loadEmbedder({
    model: context.modelDir,
    dtype: "q8",
    offline: true,
    cacheDir,
  });
  if (int8.dtype !== "q8") throw new Error(`The int8 encoder loaded as ${int8.dtype}.`);
  const cosines = await cosinesToReference(int8);
  const { mean, min } = cosineSummary(cosines);
  return { int8_cosine_mean: mean, int8_cosine_min: min, texts: cosines.length };
}

/** Indexing: `paperchat index` against the model alone making the same passes, and txtai. */
export async function runIndexingBench(context: BenchContext): Promise<BenchSection> {
  const corpus = await generatedCorpus(context, PAPERS);
  const fp32 = await measureBuilds(context, corpus, "fp32");
  const q8 = context.modelHasInt8 ? await measureBuilds(context, corpus, "q8") : undefined;
  const closeness = await int8Closeness(context);
  const { build, model } = fp32;
  const papersPerS = (run: typeof build) => run.papers / (run.wall_ms / 1000);
  const wallOverModel = build.wall_ms / model.embed_ms;
  const vsTxtai = papersPerS(build) / TXTAI_PAPERS_PER_S;
  const seconds = (ms: number) => `${formatNumber(ms / 1000)} s`;
  const rate = (perS: number) => `${formatNumber(perS)} papers/s`;
  const txtai = `${rate(TXTAI_PAPERS_PER_S)} txtai`;
  const int8 = q8 && {
    int8_speedup: papersPerS(q8.build) / papersPerS(build),
    int8_papers_per_s: papersPerS(q8.build),
    int8_vs_txtai: papersPerS(q8.build) / TXTAI_PAPERS_PER_S,
    int8_wall_over_model: q8.build.wall_ms / q8.model.embed_ms,
  };
  const floor = INT8_COSINE_FLOOR;
  return {
    key: "indexing",
    title: "Indexing",
    figures: [
      ratioRow(
        `Indexing: \`paperchat index\` wall time, ${build.papers} arXiv-shaped papers`,
        seconds(build.wall_ms),
        `${seconds(model.embed_ms)} the model alone, same passes`,
        wallOverModel,
        { atMost: TARGETS.wallOverModel },
      ),
      ratioRow(
        `Indexing: papers/s (the same build, float32${int8 ? "" : ", the default"}) vs txtai`,
        rate(papersPerS(build)),
        `${txtai} (cited, not measured here)`,
        vsTxtai,
        int8 ? undefined : { atLeast: TARGETS.vsTxtai },
      ),
      ...(int8
        ? [
            ratioRow(
              "Indexing with the int8 encoder (`--dtype q8`): papers/s vs fp32",
              rate(int8.int8_papers_per_s),
              `${rate(papersPerS(build))} fp32`,
              int8.int8_speedup,
              { atLeast: TARGETS.int8Speedup },
            ),
            ratioRow(
              "Indexing with the int8 encoder (the default when the model has one): papers/s vs txtai",
              rate(int8.int8_papers_per_s),
              `${txtai} (cited)`,
              int8.int8_vs_txtai,
              { atLeast: TARGETS.vsTxtai },
            ),
          ]
        : []),
      ...(closeness
        ? [
            row(
              `Indexing: the int8 encoder's vectors vs float32, ${closeness.texts} reference texts: mean / min cosine`,
              `${closeness.int8_cosine_mean.toFixed(4)} / ${closeness.int8_cosine_min.toFixed(4)}`,
              "sentence-transformers float32",
              {
                target: `≥ ${floor.mean} / ≥ ${floor.min}`,
                met:
                  closeness.int8_cosine_mean >= floor.mean &&
                  closeness.int8_cosine_min >= floor.min,
              },
            ),
          ]
        : []),
    ],
    json: {
      wall_over_model: wallOverModel,
      papers_per_s: papersPerS(build),
      vs_txtai: vsTxtai,
      txtai_papers_per_s: TXTAI_PAPERS_PER_S,
      papers: build.papers,
      sentences: build.sentences,
      chunks: fp32.chunks,
      build_wall_ms: build.wall_ms,
      build_own_s: build.build_s,
      model_embed_ms: model.embed_ms,
      model_load_ms: model.load_ms,
      builds_wall_ms: fp32.builds.map((run) => run.wall_ms),
      models_embed_ms: fp32.models.map((run) => run.embed_ms),
      ...int8,
      int8_cosine_mean: closeness?.int8_cosine_mean,
      int8_cosine_min: closeness?.int8_cosine_min,
      // paperchat's own default (the int8 encoder when the model has one) is what meets txtai.
      default_dtype: int8 ? "q8" : "fp32",
    },
    notes: [
      `${build.papers} papers and ${build.sentences} sentences from \`scripts/bench/arxiv-shaped-corpus.ts\`, embedded in ${fp32.chunks} chunks; each side ran ${ROUNDS}× alternating which went first, the fastest of each counts. Fastest build: ${seconds(build.wall_ms)} from spawn to exit, of which \`buildIndex\` itself ${formatNumber(build.build_s)} s; the model alone ${seconds(model.embed_ms)} embedding after ${seconds(model.load_ms)} loading.`,
    ],
  };
}
