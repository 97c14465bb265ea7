export { CorpusError } from "./corpus-error.ts";
export { CORPUS_EXTENSIONS, corpusFormatOf } from "./corpus-format.ts";
export { corpusHash } from "./corpus-hash.ts";
export { normalizeTitle } from "./normalize-title.ts";
export { PAPER_ID_PATTERN, paperId } from "./paper-id.ts";
export { parseCsv } from "./parse-csv.ts";
export { parseJsonl } from "./parse-jsonl.ts";
export { parseTrendingPage } from "./parse-trending-page.ts";
export { type ReadCorpusOptions, readCorpus } from "./read-corpus.ts";
export { skipDuplicates } from "./skip-duplicates.ts";
export { splitSentences } from "./split-sentences.ts";
export type {
  CorpusFormat,
  CorpusReadResult,
  LocatedPaper,
  Paper,
  Sentence,
  SkippedDuplicate,
} from "./types.ts";
