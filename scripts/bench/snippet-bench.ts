import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readCorpus, splitSentences } from "../../src/corpus/index.ts";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import { quantizeSentenceVectors, sentenceScores } from "../../src/store/sentence-vectors.ts";
import type { BenchContext, BenchSection } from "./bench-section.ts";
import { absoluteFigure, formatNumber } from "./figure.ts";
import { median } from "./stats.ts";

/** Papers whose snippet choice is compared, per question: the nearest ones, as search returns. */
const PAPERS_PER_QUESTION = 5;

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
const argmax = (values: readonly number[]) => values.indexOf(Math.max(...values));

/**
 * How the stored sentence vectors choose snippets, against the reference choices: int8 against
 * float32 (the store's quantization), and pooled from the paper's pass (the default) against
 * every sentence embedded on its own (`--sentence-vectors separate`). For each question, the
 * 5 papers nearest by paper vector, and in each the sentence closest to the question.
 *
 * @example
 * const section = await runSnippetBench(context);
 */
export async function runSnippetBench(context: BenchContext): Promise<BenchSection> {
  const embedder = await loadEmbedder({
    model: context.modelDir,
    offline: true,
    cacheDir: join(context.workDir, "model-cache"),
  });
  const { papers } = await readCorpus([join(context.repoRoot, "data/trending-papers.txt")]);
  const dev = readFileSync(join(context.repoRoot, "test/fixtures/dev-queries.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => String(JSON.parse(line).q));
  const questions = [...dev, ...papers.map((paper) => paper.title)];
  context.log(`snippets: ${papers.length} papers, ${questions.length} questions`);
  const sentenceLists = papers.map((paper) => splitSentences(paper.abstract));
  const pooled = await embedder.embedPapers(
    papers.map((paper, i) => ({
      ...paper,
      sentences: sentenceLists[i]!.map((s) => [s.start, s.end] as const),
    })),
  );
  const separate = await Promise.all(
    sentenceLists.map((sentences) => embedder.embed(sentences.map((s) => s.text))),
  );
  const quantized = pooled.map((p) => quantizeSentenceVectors(p.sentences, embedder.dims));
  const cosines = pooled.flatMap((p, i) => p.sentences.map((v, s) => dot(v, separate[i]![s]!)));
  const questionVectors = await embedder.embed(questions);

  let choices = 0;
  let int8Same = 0;
  let pooledSame = 0;
  for (const question of questionVectors) {
    const nearest = pooled
      .map((p, i) => ({ i, score: dot(p.paper, question) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, PAPERS_PER_QUESTION);
    for (const { i } of nearest) {
      if (sentenceLists[i]!.length < 2) continue;
      const float32 = argmax(pooled[i]!.sentences.map((v) => dot(v, question)));
      const int8 = argmax(sentenceScores(quantized[i]!, question));
      const alone = argmax(separate[i]!.map((v) => dot(v, question)));
      choices += 1;
      if (int8 === float32) int8Same += 1;
      if (float32 === alone) pooledSame += 1;
    }
  }
  const share = (n: number) => n / choices;
  const json = {
    model: context.modelDescription,
    questions: questions.length,
    choices,
    int8_matches_float32: share(int8Same),
    pooled_matches_separate: share(pooledSame),
    pooled_vs_separate_cosine_median: median(cosines),
    pooled_vs_separate_cosine_min: Math.min(...cosines),
    sentences: cosines.length,
  };
  const percent = (value: number) => `${formatNumber(100 * value)}%`;
  return {
    key: "snippets",
    title: "Snippet choice: int8 and pooled sentence vectors",
    figures: [
      absoluteFigure({
        figure: "Snippets: int8 sentence vectors choose the float32 choice",
        value: `${percent(json.int8_matches_float32)} of ${choices}`,
        reference: "float32 pooled vectors",
      }),
      absoluteFigure({
        figure: "Snippets: pooled sentence vectors choose what separately embedded ones do",
        value: `${percent(json.pooled_matches_separate)} of ${choices}`,
        reference: "--sentence-vectors separate",
      }),
      absoluteFigure({
        figure: "Pooled vs separately embedded sentence vectors: cosine",
        value: `median ${formatNumber(json.pooled_vs_separate_cosine_median)}, min ${formatNumber(json.pooled_vs_separate_cosine_min)}`,
        reference: `${cosines.length} sentences`,
      }),
    ],
    json,
    notes: [
      `With ${context.modelDescription}, over the bundled corpus: ${questions.length} questions (the ${dev.length} dev questions and the ${papers.length} titles), in each of the ${PAPERS_PER_QUESTION} papers nearest to the question (by paper vector) the sentence whose vector is closest to the question's, by three sets of sentence vectors: pooled from the paper's own pass in float32, the same quantized to int8 as the store keeps them, and every sentence embedded on its own. Papers of one sentence are left out (${choices} choices). The search engine adds a small word-overlap term (0.05 × share of the question's words) that can break near-ties either way; this compares the vectors alone.`,
    ],
  };
}
