export { CorpusError } from "./corpus-error.ts";
export { type CorpusFileFingerprint, fingerprintCorpusFile } from "./corpus-fingerprint.ts";
export { CORPUS_EXTENSIONS, corpusFormatOf } from "./corpus-format.ts";
export { type CorpusPass, readCorpusOnce } from "./corpus-pass.ts";
export { normalizeTitle } from "./normalize-title.ts";
export { GIVEN_ID_PATTERN, paperId } from "./paper-id.ts";
export { parseCsv } from "./parse-csv.ts";
export { parseJsonl } from "./parse-jsonl.ts";
export { parseTrendingPage } from "./parse-trending-page.ts";
export { type ReadCorpusOptions, readCorpus } from "./read-corpus.ts";
export { createSeenPapers, type SeenPapers, seenKeysOf } from "./seen-papers.ts";
export { splitSentences } from "./split-sentences.ts";
export { type StreamCorpusOptions, streamCorpus } from "./stream-corpus.ts";
export type {
  CorpusFormat,
  CorpusReadResult,
  LocatedPaper,
  Paper,
  PaperMetadata,
  PaperOrigin,
  Sentence,
  SkippedDuplicate,
} from "./types.ts";
