import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readCorpus, splitSentences } from "../../src/corpus/index.ts";
import type { Paper, Sentence } from "../../src/corpus/types.ts";
import { paperchatArgs, runTimed, type ServerProcess, startServer } from "./processes.ts";
import type { BenchContext } from "./section.ts";

/** The corpus `npm start` indexes, relative to the repository. */
export const BUNDLED_CORPUS = "data/trending-papers.txt";

/** The bundled corpus as the sections use it. */
export interface BundledCorpus {
  papers: Paper[];
  /** Each paper's sentences, as the index splits them. */
  sentences: Sentence[][];
  /** The dev questions written for the corpus (test/fixtures/dev-queries.jsonl). */
  devQuestions: string[];
}

/**
 * Reads the bundled corpus, splits its abstracts into sentences and reads the dev questions.
 *
 * @example
 * const { papers, devQuestions } = await readBundledCorpus("/work/main");
 */
export async function readBundledCorpus(repoRoot: string): Promise<BundledCorpus> {
  const { papers } = await readCorpus([join(repoRoot, BUNDLED_CORPUS)]);
  const devFile = join(repoRoot, "test/fixtures/dev-queries.jsonl");
  const devQuestions = existsSync(devFile)
    ? readFileSync(devFile, "utf8")
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => String(JSON.parse(line).q))
    : [];
  return { papers, sentences: papers.map((p) => splitSentences(p.abstract)), devQuestions };
}

/**
 * Distinct questions, so that no answer can come from a cache: the dev questions, titles and
 * abstract sentences taken in turn (so that any slice mixes short and long ones).
 *
 * @example
 * const questions = questionPool(await readBundledCorpus(repoRoot));
 */
export function questionPool(corpus: BundledCorpus): string[] {
  const lists = [
    corpus.devQuestions,
    corpus.papers.map((paper) => paper.title),
    corpus.sentences.flat().map((sentence) => sentence.text),
  ];
  const longest = Math.max(...lists.map((list) => list.length));
  const questions = new Set<string>();
  for (let i = 0; i < longest; i++) {
    for (const list of lists) if (i < list.length) questions.add(list[i]!);
  }
  return [...questions];
}

/**
 * The flags that point `paperchat` at the bundled corpus, the bench model and an index of them in
 * the scratch folder; builds that index with `paperchat index` the first time.
 *
 * @example
 * const args = await bundledIndexArgs(context); // ["--corpus", …, "--model", …, "--offline", "--index-dir", …]
 */
export async function bundledIndexArgs(context: BenchContext): Promise<string[]> {
  const { repoRoot, modelDir, workDir } = context;
  const indexDir = join(workDir, "bundled-index");
  const corpus = join(repoRoot, BUNDLED_CORPUS);
  const args = ["--corpus", corpus, "--model", modelDir, "--offline", "--index-dir", indexDir];
  if (!existsSync(join(indexDir, "manifest.json"))) {
    context.log("building the bundled corpus's index with paperchat index");
    await runTimed(repoRoot, paperchatArgs(repoRoot, ["index", ...args]));
  }
  return args;
}

/**
 * A spawned `paperchat serve` on the bundled corpus's index (see `bundledIndexArgs`), once it
 * answers `/api/health`.
 *
 * @example
 * const server = await serveBundledIndex(context);
 * await server.stop();
 */
export async function serveBundledIndex(context: BenchContext): Promise<ServerProcess> {
  const args = paperchatArgs(context.repoRoot, ["serve", ...(await bundledIndexArgs(context))]);
  context.log("starting paperchat serve");
  return startServer(context.repoRoot, args, "/api/health");
}
