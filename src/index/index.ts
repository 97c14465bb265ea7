export { type Bm25Index, buildBm25, type Ranking, rankTitleMatches, searchBm25 } from "./bm25.ts";
export {
  type BuildIndexOptions,
  type BuildIndexResult,
  type BuildProgress,
  buildIndex,
  paperText,
} from "./build-index.ts";
export { IndexError, type IndexErrorCode } from "./index-errors.ts";
export { type LoadedIndex, type LoadIndexOptions, loadIndex } from "./load-index.ts";
export { efSearchFor, INDEX_FORMAT_VERSION, type IndexManifest } from "./manifest.ts";
export { tokenize } from "./tokenize.ts";
export type { IndexedPaper } from "./write-index.ts";
