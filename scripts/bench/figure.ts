/** One row of the report table: a measured figure next to its reference. */
export interface Figure {
  /** What was measured, e.g. "Indexing throughput (papers/s)". */
  figure: string;
  /** The measured value with its unit. */
  value: string;
  /** The reference it is compared with ("—" when there is none). */
  reference: string;
  /** value ÷ reference, oriented so that the target reads naturally; absent without a reference. */
  ratio?: number;
  /** The target, e.g. "≥ 0.9×"; absent when the figure is informational. */
  target?: string;
  met?: boolean;
}

/** A target on a ratio: at least (throughputs) or at most (latencies) some multiple. */
export type RatioTarget = { atLeast: number } | { atMost: number };

export interface ComparedFigureOptions {
  figure: string;
  value: string;
  reference: string;
  ratio: number;
  target?: RatioTarget;
}

/**
 * A figure compared with its reference, with the target judged from the ratio.
 *
 * @example
 * comparedFigure({ figure: "Indexing", value: "9.1 papers/s", reference: "9.8 papers/s", ratio: 0.93, target: { atLeast: 0.9 } });
 * // { ..., target: "≥ 0.9×", met: true }
 */
export function comparedFigure(options: ComparedFigureOptions): Figure {
  const { target, ...figure } = options;
  if (!target) return figure;
  return "atLeast" in target
    ? { ...figure, target: `≥ ${target.atLeast}×`, met: options.ratio >= target.atLeast }
    : { ...figure, target: `≤ ${target.atMost}×`, met: options.ratio <= target.atMost };
}

/**
 * A figure with a plain target on its own value (no reference), e.g. "0 errors".
 *
 * @example
 * absoluteFigure({ figure: "Errors", value: "0", target: "0", met: true });
 */
export function absoluteFigure(options: {
  figure: string;
  value: string;
  reference?: string;
  target?: string;
  met?: boolean;
}): Figure {
  return { reference: "—", ...options };
}

/**
 * A number rounded for people: 3 significant digits, at most 2 decimals for large values.
 *
 * @example
 * formatNumber(0.98765); // "0.988"
 * formatNumber(1234.567); // "1235"
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}
