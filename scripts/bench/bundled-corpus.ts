import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readCorpus, splitSentences } from "../../src/corpus/index.ts";
import { paperchatArgs, runTimed, type ServerProcess, startServer } from "./processes.ts";
import type { BenchContext } from "./section.ts";

/** The corpus `npm start` indexes, relative to the repository. */
export const BUNDLED_CORPUS = "data/trending-papers.txt";

/**
 * The bundled corpus's papers, their sentences as the index splits them, and the dev questions.
 *
 * @example
 * const { papers, sentences, devQuestions } = await readBundledCorpus("/work/main");
 */
export async function readBundledCorpus(repoRoot: string) {
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
 * `paperchat` flags for the bundled corpus and model, building its index the first time.
 *
 * @example
 * const args = await bundledIndexArgs(context); // ["--corpus", …, "--index-dir", …]
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
 * `paperchat serve` on the bundled corpus's index, once it answers `/api/health`.
 *
 * @example
 * const server = await serveBundledIndex(context);
 */
export async function serveBundledIndex(context: BenchContext): Promise<ServerProcess> {
  const args = paperchatArgs(context.repoRoot, ["serve", ...(await bundledIndexArgs(context))]);
  context.log("starting paperchat serve");
  return startServer(context.repoRoot, args, "/api/health");
}
