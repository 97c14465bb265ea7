import { existsSync, mkdirSync } from "node:fs";
import { open, rename } from "node:fs/promises";
import { join } from "node:path";
import { writeArxivShapedCorpus } from "./arxiv-shaped-corpus.ts";
import type { BenchContext } from "./bench-section.ts";
import { BUNDLED_CORPUS } from "./bundled-corpus.ts";

/** Bump when the generated corpus changes, so an old cached copy is not reused. */
const CORPUS_VERSION = 1;

/**
 * An arXiv-shaped corpus of `papers` papers, written once and kept in bench/out between runs
 * (it takes minutes at a million); the sections that generate a corpus share it.
 *
 * @example
 * const file = await generatedCorpus(context, 100_000);
 */
export async function generatedCorpus(context: BenchContext, papers: number): Promise<string> {
  const folder = join(context.repoRoot, "bench/out");
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `arxiv-shaped-v${CORPUS_VERSION}-${papers}.jsonl`);
  if (existsSync(file)) return file;
  context.log(`writing an arXiv-shaped corpus of ${papers} papers to ${file}`);
  const bundledCorpus = join(context.repoRoot, BUNDLED_CORPUS);
  await writeArxivShapedCorpus({ papers, file: `${file}.tmp`, bundledCorpus });
  await rename(`${file}.tmp`, file);
  return file;
}

/**
 * Questions made of 5–9 consecutive words of a generated corpus's own abstracts, spread over it.
 *
 * @example
 * const questions = await questionsFrom(file, 300);
 */
export async function questionsFrom(file: string, count: number): Promise<string[]> {
  const handle = await open(file);
  const questions: string[] = [];
  let line = 0;
  for await (const text of handle.readLines()) {
    if (line++ % 7 !== 0) continue;
    const words = (JSON.parse(text) as { abstract: string }).abstract.trim().split(/\s+/);
    const length = 5 + (line % 5);
    const start = (line * 13) % Math.max(1, words.length - length);
    questions.push(
      words
        .slice(start, start + length)
        .join(" ")
        .replace(/[.,]/g, ""),
    );
    if (questions.length >= count) break;
  }
  await handle.close();
  return questions;
}

/**
 * The `/api/search` path of a question, `k` results.
 *
 * @example
 * searchPath("graph neural networks", 10); // "/api/search?q=graph%20neural%20networks&k=10"
 */
export const searchPath = (question: string, k: number) =>
  `/api/search?q=${encodeURIComponent(question)}&k=${k}`;
