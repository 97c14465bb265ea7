import type { Figure } from "./figure.ts";

/** What one section hands back: its table rows, its numbers for JSON, and what they mean. */
export interface BenchSection {
  /** The key in `report.json` (`indexing`, `query`, …). */
  key: string;
  title: string;
  figures: Figure[];
  json: Record<string, unknown>;
  /** What this run measured on, one paragraph each (how is in docs/benchmarks.md). */
  notes: string[];
  /** The model its figures were measured with (the run's, unless the section says). */
  model?: string;
  /** Set on a section kept from an earlier run's report (see `withEarlierSections`). */
  earlierRun?: { date: string; args: string[]; load: number | undefined };
}

/** What every section may use: where things are, the model, and a progress logger. */
export interface BenchContext {
  repoRoot: string;
  /** The model folder: the real all-MiniLM-L6-v2, or its shape with random weights. */
  modelDir: string;
  /** Which of the two it is, for the report. */
  modelDescription: string;
  /** Whether the model folder has an int8 encoder too (`model import --quantize int8`). */
  modelHasInt8: boolean;
  /** A scratch folder for corpora and indexes, removed after the run. */
  workDir: string;
  /** `--papers`: the size of the scale section's generated corpus (default a million). */
  scalePapers: number;
  /** `--papers`: the size of the opensearch section's generated corpus (default 100k). */
  openSearchPapers: number;
  /**
   * `--scale-index DIR`: the scale section keeps (or reuses) its index here; a build that
   * finished there before (its `scale-build.json`) is not run again.
   */
  scaleIndex?: string;
  /** A progress line on stderr. */
  log(message: string): void;
}
