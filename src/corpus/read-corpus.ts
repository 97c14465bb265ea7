import { readFile } from "node:fs/promises";
import { CorpusError } from "./corpus-error.ts";
import { corpusFormatOf } from "./corpus-format.ts";
import { parseCsv } from "./parse-csv.ts";
import { parseTrendingPage } from "./parse-trending-page.ts";
import { readJsonlFile } from "./read-jsonl-file.ts";
import { skipDuplicates } from "./skip-duplicates.ts";
import type { CorpusFormat, CorpusReadResult, LocatedPaper } from "./types.ts";

export interface ReadCorpusOptions {
  /** Read every file in this format instead of telling it from the file's extension. */
  format?: CorpusFormat;
}

/** Whole-text parsers; JSON Lines is streamed instead (see `readJsonlFile`). */
const PARSERS: Record<
  Exclude<CorpusFormat, "jsonl">,
  (text: string, file: string) => LocatedPaper[]
> = {
  trending: parseTrendingPage,
  csv: parseCsv,
};

/**
 * Reads one or more corpus files (UTF-8) and merges their papers in order, skipping papers
 * whose normalised title or id was already seen and reporting them in `duplicates`. The
 * format comes from `options.format` or each file's extension (.jsonl/.ndjson, .csv, .txt).
 * Throws a `CorpusError` (naming the file, and the line where there is one) for a missing or
 * unreadable file, an unknown extension, a bad record, or a file without papers.
 *
 * @example
 * const { papers, duplicates } = await readCorpus(["data/trending-papers.txt", "more.jsonl"]);
 */
export async function readCorpus(
  files: string | readonly string[],
  options: ReadCorpusOptions = {},
): Promise<CorpusReadResult> {
  const list = typeof files === "string" ? [files] : files;
  if (list.length === 0) {
    throw new CorpusError("no corpus files given. Pass at least one with --corpus FILE.", "(none)");
  }
  const located: LocatedPaper[][] = [];
  for (const file of list) {
    const papers = await readPapers(file, options.format ?? corpusFormatOf(file));
    if (papers.length === 0) {
      throw new CorpusError("contains no papers. Add papers or leave the file out.", file);
    }
    located.push(papers);
  }
  return skipDuplicates(located.flat());
}

async function readPapers(file: string, format: CorpusFormat): Promise<LocatedPaper[]> {
  try {
    return format === "jsonl"
      ? await readJsonlFile(file)
      : PARSERS[format](await readFile(file, "utf8"), file);
  } catch (error) {
    if (error instanceof CorpusError) throw error;
    throw new CorpusError(fileProblem(error), file, undefined, { cause: error });
  }
}

function fileProblem(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case "ENOENT":
      return "file not found. Check the path given to --corpus.";
    case "EISDIR":
      return "is a folder. Pass a corpus file (.jsonl, .ndjson, .csv or .txt).";
    case "EACCES":
    case "EPERM":
      return "cannot be read: permission denied. Check the file's permissions.";
    default:
      return `cannot be read (${(error as Error).message}).`;
  }
}
