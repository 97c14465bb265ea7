/** One paper of a corpus: plain data, the unit that is indexed and returned. */
export interface Paper {
  /**
   * The id given by the source, exactly (1-200 characters, may hold `/` as in arXiv's
   * `math/0501001`: percent-encode it in URLs), or a URL-safe slug derived from the title
   * (see {@link paperId}).
   */
  id: string;
  title: string;
  abstract: string;
  /** Author names as written, in order ("First Last" for arXiv). */
  authors?: string[];
  /** Year of publication (arXiv: of the first version). */
  year?: number;
  /** Subject categories, e.g. arXiv's `["cs.CL", "cs.LG"]`. */
  categories?: string[];
  /** A bare DOI, e.g. `10.1000/xyz123` (no `https://doi.org/` prefix). */
  doi?: string;
  /** Where to read the paper: arXiv's abstract page, the source's `url`, or the DOI's link. */
  url?: string;
  /** Other fields of JSONL/CSV sources, kept as they were. */
  metadata?: Record<string, unknown>;
}

/** The metadata fields of a `Paper` that sources may fill. */
export type PaperMetadata = Pick<Paper, "authors" | "year" | "categories" | "doi" | "url">;

/** A sentence of an abstract: `abstract.slice(start, end) === text`. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** The formats {@link readCorpus} understands. `trending` is the saved "trending papers" page. */
export type CorpusFormat = "trending" | "jsonl" | "csv";

/** Where a kept paper came from: what a duplicate is reported against. */
export interface PaperOrigin {
  id: string;
  file: string;
  /** 1-based line where the paper starts in `file`. */
  line: number;
}

/** A paper skipped while reading because its title or id was already seen. */
export interface SkippedDuplicate {
  title: string;
  file: string;
  line: number;
  /** The paper that was kept, and whether the two share a normalised title or an id. */
  keptInstead?: PaperOrigin & { sameBy: "title" | "id" };
}

export interface CorpusReadResult {
  papers: Paper[];
  duplicates: SkippedDuplicate[];
}

/** A paper as a parser found it: where it came from, for error and duplicate reports. */
export interface LocatedPaper {
  paper: Paper;
  file: string;
  /** 1-based line where the paper starts in `file`. */
  line: number;
}
