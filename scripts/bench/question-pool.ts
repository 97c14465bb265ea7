import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readCorpus, splitSentences } from "../../src/corpus/index.ts";

/** The dev set: questions written for the bundled corpus, each with the paper it is about. */
const DEV_QUERIES = "test/fixtures/dev-queries.jsonl";

/** Distinct questions, and how many came from each source. */
export interface QuestionPool {
  questions: string[];
  sources: Record<string, number>;
}

/**
 * Items of several lists taken in turn (first of each, second of each, …), skipping lists that
 * have run out.
 *
 * @example
 * interleave(["a", "b", "c"], ["1"]); // ["a", "1", "b", "c"]
 */
export function interleave<T>(...lists: readonly (readonly T[])[]): T[] {
  const longest = Math.max(0, ...lists.map((list) => list.length));
  const items: T[] = [];
  for (let i = 0; i < longest; i++) {
    for (const list of lists) if (i < list.length) items.push(list[i]!);
  }
  return items;
}

/**
 * Distinct questions for the latency benchmarks, so that no answer can come from a cache: the
 * team's dev questions (when present), then paper titles and abstract sentences of the
 * bundled corpus, interleaved so that any slice mixes short and long questions.
 *
 * @example
 * const { questions } = await questionPool("/work/main");
 */
export async function questionPool(repoRoot: string): Promise<QuestionPool> {
  const devFile = join(repoRoot, DEV_QUERIES);
  const dev = existsSync(devFile)
    ? readFileSync(devFile, "utf8")
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => String(JSON.parse(line).q))
    : [];
  const { papers } = await readCorpus([join(repoRoot, "data/trending-papers.txt")]);
  const titles = papers.map((paper) => paper.title);
  const sentences = papers.flatMap((paper) => splitSentences(paper.abstract).map((s) => s.text));
  const questions = [...new Set(interleave(dev, titles, sentences))];
  return {
    questions,
    sources: { dev_questions: dev.length, titles: titles.length, sentences: sentences.length },
  };
}
