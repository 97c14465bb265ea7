import { type StreamCorpusOptions, streamCorpus } from "./stream-corpus.ts";
import type { CorpusReadResult, SkippedDuplicate } from "./types.ts";

export type ReadCorpusOptions = Pick<StreamCorpusOptions, "format">;

/**
 * Reads a whole corpus into memory: every paper {@link streamCorpus} yields, and the duplicates it
 * skipped. For small corpora (the bundled one, tests, benches); large ones are streamed.
 *
 * @example
 * const { papers, duplicates } = await readCorpus(["data/trending-papers.txt", "more.jsonl"]);
 */
export async function readCorpus(
  files: string | readonly string[],
  options: ReadCorpusOptions = {},
): Promise<CorpusReadResult> {
  const result: CorpusReadResult = { papers: [], duplicates: [] };
  const onDuplicate = (duplicate: SkippedDuplicate) => void result.duplicates.push(duplicate);
  for await (const { paper } of streamCorpus(files, { ...options, onDuplicate })) {
    result.papers.push(paper);
  }
  return result;
}
