/** One row of the report table: a measured figure next to its reference. */
export interface Figure {
  /** What was measured, e.g. "Indexing: papers/s". */
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

/**
 * A figure compared with its reference, with a target on the ratio judged: at least (throughputs)
 * or at most (latencies) some multiple.
 *
 * @example
 * comparedFigure({ figure: "Indexing", value: "9.1/s", reference: "9.8/s", ratio: 0.93, target: { atLeast: 0.9 } });
 * // { ..., target: "≥ 0.9×", met: true }
 */
export function comparedFigure(
  options: Omit<Figure, "target" | "met"> & { target?: { atLeast: number } | { atMost: number } },
): Figure {
  const { target, ...figure } = options;
  if (!target) return figure;
  return "atLeast" in target
    ? { ...figure, target: `≥ ${target.atLeast}×`, met: figure.ratio! >= target.atLeast }
    : { ...figure, target: `≤ ${target.atMost}×`, met: figure.ratio! <= target.atMost };
}

/**
 * A figure with no ratio, its reference "—" unless given, e.g. "0 errors".
 *
 * @example
 * absoluteFigure({ figure: "Errors", value: "0", target: "0", met: true });
 */
export function absoluteFigure(
  options: Omit<Figure, "reference" | "ratio"> & { reference?: string },
): Figure {
  return { reference: "—", ...options };
}

/**
 * A number rounded for people: 3 significant digits, whole numbers from 100 on.
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
