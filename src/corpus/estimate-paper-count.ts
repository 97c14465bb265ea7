import { createReadStream } from "node:fs";
import { corpusFormatOf } from "./corpus-format.ts";
import { readCorpus } from "./read-corpus.ts";
import type { CorpusFormat } from "./types.ts";

const NEWLINE = 0x0a;

/** Lines of a file that hold something: one paper each in JSON Lines. */
async function recordLines(file: string): Promise<number> {
  let lines = 0;
  let pending = false;
  for await (const chunk of createReadStream(file, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    let at = chunk.indexOf(NEWLINE);
    let from = 0;
    while (at !== -1) {
      if (at > from || pending) lines += 1;
      pending = false;
      from = at + 1;
      at = chunk.indexOf(NEWLINE, from);
    }
    if (from < chunk.length) pending = true;
  }
  return lines + (pending ? 1 : 0);
}

/**
 * About how many papers a corpus holds, before reading it: the non-empty lines of JSON Lines
 * files (a byte scan, seconds for the 4 GB arXiv snapshot), the papers of the small whole-file
 * formats. Progress and ETA of a streaming build are measured against it.
 *
 * @example
 * await estimatePaperCount(["arxiv-metadata-oai-snapshot.json"]); // 2_700_000 or so
 */
export async function estimatePaperCount(
  files: readonly string[],
  format?: CorpusFormat,
): Promise<number> {
  let total = 0;
  for (const file of files) {
    total +=
      (format ?? corpusFormatOf(file)) === "jsonl"
        ? await recordLines(file)
        : (await readCorpus([file], { format })).papers.length;
  }
  return total;
}
