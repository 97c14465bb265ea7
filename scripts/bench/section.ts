import type { Embedder } from "../../src/embed/types.ts";

/** One row of the report table: a measured figure next to its reference. */
export interface Figure {
  figure: string;
  value: string;
  /** "—" when there is none. */
  reference: string;
  /** value ÷ reference, oriented so that the target reads naturally. */
  ratio?: number;
  /** Absent when the figure is informational. */
  target?: string;
  met?: boolean;
}

/** What one section hands back: its table rows, its `report.json` numbers and its notes. */
export interface BenchSection {
  /** Its key in `report.json` (`indexing`, `query`, …). */
  key: string;
  title: string;
  figures: Figure[];
  json: Record<string, unknown>;
  /** What this run measured on, a paragraph each (how is in docs/benchmarks.md). */
  notes: string[];
  /** The model its figures were measured with, when not the run's. */
  model?: string;
  /** Set on a section kept from an earlier run's report (see `withEarlierSections`). */
  earlierRun?: { date: string; args: string[]; load: number | undefined; cpu?: string };
}

/** What every section may use: where things are, the model, and a progress logger. */
export interface BenchContext {
  repoRoot: string;
  /** The real all-MiniLM-L6-v2, or its shape with random weights. */
  modelDir: string;
  modelDescription: string;
  /** Whether the model folder has an int8 encoder too. */
  modelHasInt8: boolean;
  /** The project's embedder on that model, in this process. */
  loadEmbedder(): Promise<Embedder>;
  /** A scratch folder, removed after the run. */
  workDir: string;
  /** `--papers`, else a million for scale and 100k for opensearch. */
  scalePapers: number;
  openSearchPapers: number;
  /** `--scale-index DIR`: where scale keeps its index; a build that finished there is reused. */
  scaleIndex?: string;
  log(message: string): void;
}

/** What a figure must reach: at least (throughputs) or at most (latencies) a number. */
export type Limit = { atLeast: number } | { atMost: number };

/**
 * A table row; its reference is "—" unless given, `more` adds a ratio or a target.
 *
 * @example
 * row("`/api/search` errors", "0", "735 requests", { target: "0", met: true });
 */
export function row(
  figure: string,
  value: string,
  reference = "—",
  more?: Partial<Figure>,
): Figure {
  return { figure, value, reference, ...more };
}

/**
 * `value` judged against `limit`: the target as the table writes it, and whether it is met.
 *
 * @example
 * judged(0.93, { atLeast: 0.9 }, "×"); // { target: "≥ 0.9×", met: true }
 */
export function judged(value: number, limit: Limit, unit = ""): Pick<Figure, "target" | "met"> {
  return "atLeast" in limit
    ? { target: `≥ ${limit.atLeast}${unit}`, met: value >= limit.atLeast }
    : { target: `≤ ${limit.atMost}${unit}`, met: value <= limit.atMost };
}

/**
 * A row compared with its reference by `ratio`, judged against `limit` when there is one.
 *
 * @example
 * ratioRow("papers/s vs txtai", "13.9 papers/s", "11.6 papers/s", 1.2, { atLeast: 1.5 });
 */
export function ratioRow(
  figure: string,
  value: string,
  reference: string,
  ratio: number,
  limit?: Limit,
): Figure {
  return row(figure, value, reference, { ratio, ...(limit && judged(ratio, limit, "×")) });
}

/**
 * A number rounded for people: 3 significant digits, whole numbers from 100 on.
 *
 * @example
 * formatNumber(0.98765); // "0.988"
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}
