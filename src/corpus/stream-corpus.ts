import { readFile, stat } from "node:fs/promises";
import { CorpusError } from "./corpus-error.ts";
import { corpusFormatOf } from "./corpus-format.ts";
import { parseCsv } from "./parse-csv.ts";
import { parseTrendingPage } from "./parse-trending-page.ts";
import { createSeenPapers, rememberUnlessDuplicate, type SeenPapers } from "./seen-papers.ts";
import { type ReadObserver, streamJsonlFile } from "./stream-jsonl-file.ts";
import type { CorpusFormat, LocatedPaper, SkippedDuplicate } from "./types.ts";

export interface StreamCorpusOptions {
  /** Read every file in this format instead of telling it from the file's extension. */
  format?: CorpusFormat;
  /** The papers kept so far, by id and normalised title; a fresh in-memory one by default. */
  seen?: SeenPapers;
  /** Told about every paper skipped as a duplicate, in corpus order. */
  onDuplicate?: (duplicate: SkippedDuplicate) => void;
  /** Watches each file being read, once (see {@link readCorpusOnce}). */
  observe?: (file: string) => ReadObserver;
}

/**
 * Whole-text parsers: a trending page is a few hundred papers and CSV rows may span lines, so
 * both are read whole. JSON Lines, the format of large corpora, is streamed instead.
 */
const WHOLE_FILE_PARSERS: Record<
  Exclude<CorpusFormat, "jsonl">,
  (text: string, file: string) => LocatedPaper[]
> = {
  trending: parseTrendingPage,
  csv: parseCsv,
};

/**
 * Reads one or more corpus files (UTF-8) in order and yields their papers one at a time, with
 * the file and line each starts on. JSON Lines is read line by line, so memory stays bounded
 * whatever the corpus size (beyond what `seen` keeps). Papers whose normalised title or id
 * was seen before are skipped and reported to `onDuplicate`; a new paper is remembered in
 * `seen` just before it is yielded. The format comes from `options.format` or each file's
 * extension (.jsonl/.ndjson/.json, .csv, .txt); every file's format and presence is checked
 * before the first paper. Throws a {@link CorpusError} (naming the file, and the line where there is
 * one) for a missing or unreadable file, an unknown extension, a bad record, or a file without
 * papers.
 *
 * @example
 * for await (const { paper, file, line } of streamCorpus(["arxiv.jsonl"], { seen: store.seen })) {
 *   await store.add(paper);
 * }
 */
export async function* streamCorpus(
  files: string | readonly string[],
  options: StreamCorpusOptions = {},
): AsyncGenerator<LocatedPaper> {
  const list = typeof files === "string" ? [files] : files;
  if (list.length === 0) {
    throw new CorpusError("no corpus files given. Pass at least one with --corpus FILE.", "(none)");
  }
  const sources = list.map((file) => ({ file, format: options.format ?? corpusFormatOf(file) }));
  await Promise.all(list.map(checkReadable));
  const seen = options.seen ?? createSeenPapers();
  for (const { file, format } of sources) {
    let found = 0;
    for await (const located of papersOf(file, format, options.observe?.(file))) {
      found++;
      const duplicate = rememberUnlessDuplicate(located, seen);
      if (duplicate === undefined) {
        yield located;
      } else {
        options.onDuplicate?.(duplicate);
      }
    }
    if (found === 0) {
      throw new CorpusError("contains no papers. Add papers or leave the file out.", file);
    }
  }
}

/** The papers of one file, with file-system errors as {@link CorpusError}s that say what to do. */
async function* papersOf(
  file: string,
  format: CorpusFormat,
  observer: ReadObserver = {},
): AsyncGenerator<LocatedPaper> {
  try {
    if (format === "jsonl") {
      yield* streamJsonlFile(file, observer);
    } else {
      const bytes = await readFile(file);
      observer.chunk?.(bytes);
      const papers = WHOLE_FILE_PARSERS[format](bytes.toString("utf8"), file);
      // Read whole, then counted paper by paper: progress moves as papers are handed on.
      let consumed = 0;
      for (const [i, located] of papers.entries()) {
        const upTo = Math.round(((i + 1) * bytes.length) / papers.length);
        observer.consumed?.(upTo - consumed);
        consumed = upTo;
        yield located;
      }
      observer.consumed?.(bytes.length - consumed);
    }
  } catch (error) {
    throw asCorpusError(error, file);
  }
}

/**
 * Checks, before any paper is read, that every file has a known format and can be read; throws
 * the {@link CorpusError} that says what to do.
 *
 * @example
 * await checkCorpusFiles(["papers.jsonl"]);
 */
export async function checkCorpusFiles(
  files: readonly string[],
  format?: CorpusFormat,
): Promise<void> {
  for (const file of files) if (!format) corpusFormatOf(file);
  await Promise.all(files.map(checkReadable));
}

async function checkReadable(file: string): Promise<void> {
  try {
    if ((await stat(file)).isDirectory()) {
      throw Object.assign(new Error("is a folder"), { code: "EISDIR" });
    }
  } catch (error) {
    throw asCorpusError(error, file);
  }
}

function asCorpusError(error: unknown, file: string): CorpusError {
  if (error instanceof CorpusError) return error;
  return new CorpusError(fileProblem(error), file, undefined, { cause: error });
}

function fileProblem(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case "ENOENT":
      return "file not found. Check the path given to --corpus.";
    case "EISDIR":
      return "is a folder. Pass a corpus file (.jsonl, .ndjson, .json, .csv or .txt).";
    case "EACCES":
    case "EPERM":
      return "cannot be read: permission denied. Check the file's permissions.";
    default:
      return `cannot be read (${(error as Error).message}).`;
  }
}
