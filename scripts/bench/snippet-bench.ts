import { quantizeSentenceVectors, sentenceScores } from "../../src/store/sentence-vectors.ts";
import { readBundledCorpus } from "./bundled-corpus.ts";
import { type BenchContext, type BenchSection, formatNumber, row } from "./section.ts";

/** Papers whose snippet choice is compared, per question: the nearest ones, as search returns. */
const PAPERS_PER_QUESTION = 5;

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
const argmax = (values: readonly number[]) => values.indexOf(Math.max(...values));
const percent = (value: number) => `${formatNumber(100 * value)}%`;

/** Snippets: int8 against float32, pooled against separate sentence vectors. */
export async function runSnippetBench(context: BenchContext): Promise<BenchSection> {
  const embedder = await context.loadEmbedder();
  const { papers, sentences, devQuestions } = await readBundledCorpus(context.repoRoot);
  const questions = [...devQuestions, ...papers.map((paper) => paper.title)];
  context.log(`snippets: ${papers.length} papers, ${questions.length} questions`);
  const pooled = await embedder.embedPapers(
    papers.map((paper, i) => ({
      ...paper,
      sentences: sentences[i]!.map((s) => [s.start, s.end] as const),
    })),
  );
  const separate = await Promise.all(
    sentences.map((list) => embedder.embed(list.map((s) => s.text))),
  );
  const quantized = pooled.map((p) => quantizeSentenceVectors(p.sentences, embedder.dims));
  let choices = 0;
  let int8Same = 0;
  let pooledSame = 0;
  for (const question of await embedder.embed(questions)) {
    const nearest = pooled
      .map((p, i) => ({ i, score: dot(p.paper, question) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, PAPERS_PER_QUESTION);
    for (const { i } of nearest) {
      if (sentences[i]!.length < 2) continue;
      const float32 = argmax(pooled[i]!.sentences.map((v) => dot(v, question)));
      choices += 1;
      if (argmax(sentenceScores(quantized[i]!, question)) === float32) int8Same += 1;
      if (argmax(separate[i]!.map((v) => dot(v, question))) === float32) pooledSame += 1;
    }
  }
  const json = {
    questions: questions.length,
    choices,
    int8_matches_float32: int8Same / choices,
    pooled_matches_separate: pooledSame / choices,
  };
  return {
    key: "snippets",
    title: "Snippet choice: int8 and pooled sentence vectors",
    figures: [
      row(
        "Snippets: int8 sentence vectors choose the float32 choice",
        `${percent(json.int8_matches_float32)} of ${choices}`,
        "float32 pooled vectors",
      ),
      row(
        "Snippets: pooled sentence vectors choose what separately embedded ones do",
        `${percent(json.pooled_matches_separate)} of ${choices}`,
        "--sentence-vectors separate",
      ),
    ],
    json,
    notes: [
      `${questions.length} questions (the ${devQuestions.length} dev questions and the ${papers.length} titles); papers of one sentence are left out (${choices} choices).`,
    ],
  };
}
