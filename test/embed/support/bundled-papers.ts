import { resolve } from "node:path";
import { AutoTokenizer, type PreTrainedTokenizer } from "@huggingface/transformers";
import { readCorpus } from "../../../src/corpus/read-corpus.ts";
import { splitSentences } from "../../../src/corpus/split-sentences.ts";
import { loadEmbedder } from "../../../src/embed/load-embedder.ts";
import type { Embedder, PaperToEmbed } from "../../../src/embed/types.ts";
import { BUNDLED_CORPUS, TINY_MODEL, tempDir } from "../../support/tiny-index.ts";

/** The generated all-MiniLM-L6-v2-shaped model (random weights, the real model's cost and window). */
export const MINILM_SHAPED_MODEL = resolve(
  import.meta.dirname,
  "../../fixtures/models/paperchat-minilm-shape",
);

/** Both fixture models, by a name for test titles. */
export const FIXTURE_MODELS = { tiny: TINY_MODEL, "minilm-shaped": MINILM_SHAPED_MODEL } as const;

/** The bundled corpus as `embedPapers` takes it, with `splitSentences`' sentences. */
export async function bundledPapers(): Promise<PaperToEmbed[]> {
  const { papers } = await readCorpus(BUNDLED_CORPUS);
  return papers.map(({ title, abstract }) => ({
    title,
    abstract,
    sentences: splitSentences(abstract).map((s) => [s.start, s.end] as const),
  }));
}

/** The text `embed` gets for a paper (what indexing embeds as the paper). */
export const paperText = (paper: { title: string; abstract: string }) =>
  `${paper.title}\n${paper.abstract}`;

/** The sentences of a paper as text. */
export const sentenceTexts = (paper: PaperToEmbed) =>
  paper.sentences.map(([start, end]) => paper.abstract.slice(start, end));

/** Loads a fixture model through the real transformers.js path, offline. */
export function loadFixtureEmbedder(model: string, batchSize?: number): Promise<Embedder> {
  return loadEmbedder({ model, offline: true, cacheDir: tempDir("paperchat-cache-"), batchSize });
}

/** A fixture model's tokenizer, as the pipeline loads it. */
export function loadFixtureTokenizer(model: string): Promise<PreTrainedTokenizer> {
  return AutoTokenizer.from_pretrained(model, { local_files_only: true });
}

/** Cosine of two unit vectors. */
export const cosine = (a: Float32Array, b: Float32Array) =>
  a.reduce((sum, x, i) => sum + x * b[i]!, 0);

/** A paper whose first "sentence" ends inside a word, so its ids cannot be pieced together. */
export const SPLIT_INSIDE_A_WORD: PaperToEmbed = {
  title: "graph networks",
  abstract: "convolutional networks for recommendation",
  sentences: [
    [0, 7],
    [7, 41],
  ],
};
