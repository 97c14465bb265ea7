import { extname } from "node:path";
import { CorpusError } from "./corpus-error.ts";
import type { CorpusFormat } from "./types.ts";

/** File extensions and the formats they mean. */
export const CORPUS_EXTENSIONS: Readonly<Record<string, CorpusFormat>> = {
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  /** The arXiv metadata snapshot is JSON Lines named `arxiv-metadata-oai-snapshot.json`. */
  ".json": "jsonl",
  ".csv": "csv",
  ".txt": "trending",
};

/**
 * The format of a corpus file, from its extension (case-insensitive). Throws a {@link CorpusError}
 * listing the accepted extensions when it is not one of them.
 *
 * @example
 * corpusFormatOf("data/papers.NDJSON"); // "jsonl"
 */
export function corpusFormatOf(file: string): CorpusFormat {
  const format = CORPUS_EXTENSIONS[extname(file).toLowerCase()];
  if (format === undefined) {
    throw new CorpusError(
      `cannot tell the corpus format from the extension "${extname(file)}". Use one of ${Object.keys(CORPUS_EXTENSIONS).join(", ")}, or pass --format trending|jsonl|csv.`,
      file,
    );
  }
  return format;
}
