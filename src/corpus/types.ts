/** One paper of a corpus: plain data, the unit that is indexed and returned. */
export interface Paper {
  /** Stable, URL-safe id derived from the paper (see `paperId`), or the id given by the source. */
  id: string;
  title: string;
  abstract: string;
  /** Author names, in order, where the source has them. */
  authors?: string[];
  /** Year of first publication (arXiv: of the first version). */
  year?: number;
  /** Subject categories (arXiv: `cs.LG`, `stat.ML`, …). */
  categories?: string[];
  doi?: string;
  /** Where to read the paper (arXiv: its abstract page; else the DOI's resolver). */
  url?: string;
  /** Extra fields from JSONL/CSV sources, kept as they were. */
  metadata?: Record<string, unknown>;
}

/** A sentence of an abstract: `abstract.slice(start, end) === text`. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** The formats `readCorpus` understands. `trending` is the saved "trending papers" page. */
export type CorpusFormat = "trending" | "jsonl" | "csv";

/** A paper skipped while reading because its title was already seen. */
export interface SkippedDuplicate {
  title: string;
  file: string;
  line: number;
  /** The paper that was kept, and whether the two share a normalised title or an id. */
  keptInstead?: { id: string; file: string; line: number; sameBy: "title" | "id" };
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
