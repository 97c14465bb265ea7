import { readFile } from "node:fs/promises";
import { CorpusError } from "./corpus-error.ts";
import { corpusFormatOf } from "./corpus-format.ts";
import { parseCsv } from "./parse-csv.ts";
import { parseJsonl } from "./parse-jsonl.ts";
import { parseTrendingPage } from "./parse-trending-page.ts";
import { skipDuplicates } from "./skip-duplicates.ts";
import type { CorpusFormat, CorpusReadResult, LocatedPaper } from "./types.ts";

export interface ReadCorpusOptions {
  /** Read every file in this format instead of telling it from the file's extension. */
  format?: CorpusFormat;
}

const PARSERS: Record<CorpusFormat, (text: string, file: string) => LocatedPaper[]> = {
  trending: parseTrendingPage,
  jsonl: parseJsonl,
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
  const located: LocatedPaper[] = [];
  for (const file of list) {
    const parse = PARSERS[options.format ?? corpusFormatOf(file)];
    const papers = parse(await readText(file), file);
    if (papers.length === 0) {
      throw new CorpusError("contains no papers. Add papers or leave the file out.", file);
    }
    located.push(...papers);
  }
  return skipDuplicates(located);
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === "ENOENT"
        ? "file not found. Check the path given to --corpus."
        : code === "EISDIR"
          ? "is a folder. Pass a corpus file (.jsonl, .ndjson, .csv or .txt)."
          : `cannot be read (${code ?? (error as Error).message}). Check its permissions.`;
    throw new CorpusError(problem, file, undefined, { cause: error });
  }
}
