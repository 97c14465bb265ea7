import { readFileSync } from "node:fs";
import { join } from "node:path";
import { splitSentences, streamCorpus } from "../../src/corpus/index.ts";

/** A question, the paper that answers it, and the abstract sentences a reader would want quoted. */
export interface LabelledQuestion {
  q: string;
  title: string;
  /** Verbatim sentences of the paper's abstract, as `splitSentences` cuts them. */
  answers: string[];
  /** How the question was written: the paper's own terms, a paraphrase, or what a method does. */
  kind?: "terms" | "paraphrase" | "method";
  /**
   * Own questions only: tuned on; held out from the first round of tuning (`heldout`, seen since);
   * written after it and held out from the second (`heldout2`, seen since); written after that
   * (`heldout3`, measured once, seen since); written blind to the search and snippet code
   * (`heldout4`, measured once, studied since); or written blind by other writers after that and
   * never tuned on (`heldout5` before the fifth round's rule was chosen, `heldout6` after).
   */
  split?: OwnSplit;
}

/** The splits of the own questions, in the order they were written. */
export const OWN_SPLITS = [
  "tune",
  "heldout",
  "heldout2",
  "heldout3",
  "heldout4",
  "heldout5",
  "heldout6",
] as const;
export type OwnSplit = (typeof OWN_SPLITS)[number];

/** A named list of labelled questions. */
export interface QuestionSet {
  name: string;
  questions: LabelledQuestion[];
}

const readJsonl = (path: string): LabelledQuestion[] =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as LabelledQuestion);

/**
 * The eval's question sets, from `test/fixtures/`: the dev set (`dev-snippets.jsonl`: the
 * questions of `dev-queries.jsonl` with their marked sentences), and the own questions
 * (`own-questions.jsonl`) by split: nothing was tuned on `heldout5` and `heldout6`.
 *
 * @example
 * const sets = loadQuestionSets(repoRoot); // [{ name: "dev", questions }, { name: "own: tune", … }, …]
 */
export function loadQuestionSets(repoRoot: string): QuestionSet[] {
  const fixtures = join(repoRoot, "test/fixtures");
  const own = readJsonl(join(fixtures, "own-questions.jsonl"));
  return [
    { name: "dev", questions: readJsonl(join(fixtures, "dev-snippets.jsonl")) },
    ...OWN_SPLITS.map((split) => ({
      name: `own: ${split}`,
      questions: own.filter((q) => q.split === split),
    })),
  ];
}

/**
 * Checks every question against the corpus: its title names exactly one paper, and each marked
 * answer is exactly one of that paper's sentences. Throws an error that lists every problem.
 *
 * @example
 * await checkQuestionSets(loadQuestionSets(repoRoot), "data/trending-papers.txt");
 */
export async function checkQuestionSets(
  sets: readonly QuestionSet[],
  corpusFile: string,
): Promise<void> {
  const sentencesByTitle = new Map<string, string[][]>();
  for await (const { paper } of streamCorpus(corpusFile)) {
    const found = sentencesByTitle.get(paper.title) ?? [];
    found.push(splitSentences(paper.abstract).map((s) => s.text));
    sentencesByTitle.set(paper.title, found);
  }
  const problems: string[] = [];
  for (const { name, questions } of sets) {
    for (const { q, title, answers } of questions) {
      const papers = sentencesByTitle.get(title) ?? [];
      if (papers.length !== 1) {
        problems.push(`${name}: "${q}" names ${papers.length} papers titled "${title}"`);
        continue;
      }
      if (answers.length === 0) problems.push(`${name}: "${q}" marks no answer sentence`);
      for (const answer of answers) {
        if (!papers[0]!.includes(answer)) {
          problems.push(`${name}: "${q}": "${answer.slice(0, 60)}…" is not one of its sentences`);
        }
      }
    }
  }
  if (problems.length > 0) throw new Error(`Bad labelled questions:\n${problems.join("\n")}`);
}
