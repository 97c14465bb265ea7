import type { BenchModel } from "./bench-model.ts";
import type { Figure } from "./figure.ts";

/** What one benchmark hands back: its table rows, its numbers for JSON, and what they mean. */
export interface BenchSection {
  /** The key in `report.json` (`indexing`, `query`, …). */
  key: string;
  title: string;
  figures: Figure[];
  json: Record<string, unknown>;
  /** How it was measured and how to read it, one paragraph each. */
  notes: string[];
  /** The model its figures were measured with (the run's, unless the section says). */
  model?: string;
  /** Set on a section kept from an earlier run's report (see `writeReport`): when and how. */
  earlierRun?: { date: string; args: string[]; load: number | undefined };
}

/** What every benchmark may use: where things are, the flags, and a progress logger. */
export interface BenchContext {
  repoRoot: string;
  /** The model folder: the real all-MiniLM-L6-v2, or its shape with random weights. */
  modelDir: string;
  /** Which of the two it is, for the report. */
  modelDescription: string;
  /** The all-MiniLM-L6-v2-shaped fixture, whatever `modelDir` is. */
  shapedModel: BenchModel;
  /** A scratch folder for corpora and indexes, removed after the run. */
  workDir: string;
  /** `--large`: the ANN benchmark also runs at 1M vectors. */
  large: boolean;
  /** `--sweep`: the ANN benchmark also rebuilds with other HNSW parameters. */
  sweep: boolean;
  /** Copies of the bundled corpus the indexing benchmark embeds. */
  corpusCopies: number;
  /** `--papers`: the size of the scale benchmark's generated corpus. */
  scalePapers: number;
  /** A progress line on stderr. */
  log(message: string): void;
}
