import type { BuildProgress } from "../contract/build-progress.ts";

/** Where progress goes: a TTY gets a redrawn bar, anything else plain lines. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const PHASE_LABEL: Record<BuildProgress["phase"], string> = {
  papers: "papers",
  write: "writing",
};

/** In logs, a progress line at least this often, however slow the build. */
const LOG_EVERY_MS = 30_000;

/** `m:ss` (or `h:mm:ss`) for a number of seconds. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  const hours = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(hours ? 2 : 1, "0");
  const ss = String(s % 60).padStart(2, "0");
  return hours ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * One status line for a build step: counts, percentage, rate and ETA. The rate counts what was
 * done since the step's clock started (`doneAtStart` was reported then); before any of it, rate
 * and ETA are unknown ("?").
 *
 * @example
 * progressLine({ phase: "papers", done: 50, total: 200 }, 2.5); // "papers 50/200 25% · 20.0/s · ETA 0:08"
 */
export function progressLine(
  progress: BuildProgress,
  elapsedSeconds: number,
  doneAtStart = 0,
): string {
  const { done, total } = progress;
  const percent = total ? Math.floor((100 * done) / total) : 100;
  const counted = done - doneAtStart;
  const rate = elapsedSeconds > 0 && counted > 0 ? counted / elapsedSeconds : undefined;
  const eta = rate ? (total - done) / rate : Number.NaN;
  return `${PHASE_LABEL[progress.phase]} ${done}/${total} ${percent}% · ${rate === undefined ? "?" : rate.toFixed(1)}/s · ETA ${formatDuration(eta)}`;
}

/**
 * Returns a `BuildProgress` listener that draws a bar with rate and ETA on a TTY, and prints a
 * plain line every 10%, at least every 30 seconds, and at the end of each phase elsewhere (in
 * logs and CI).
 *
 * @example
 * await buildIndex({ ...options, onProgress: createProgressBar(process.stderr) });
 */
export function createProgressBar(
  stream: ProgressStream,
  now: () => number = performance.now.bind(performance),
): (progress: BuildProgress) => void {
  let phase: BuildProgress["phase"] | undefined;
  let startedAt = 0;
  // What the phase's first report already counted: done before its clock started.
  let doneAtStart = 0;
  let lastDecile = -1;
  let lastLineAt = 0;
  return (progress) => {
    if (progress.phase !== phase) {
      if (phase && stream.isTTY) stream.write("\n");
      phase = progress.phase;
      startedAt = now();
      doneAtStart = progress.done;
      lastDecile = -1;
    }
    const line = progressLine(progress, (now() - startedAt) / 1000, doneAtStart);
    const finished = progress.done >= progress.total;
    if (stream.isTTY) {
      const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - line.length - 4));
      const filled = progress.total ? Math.round((width * progress.done) / progress.total) : width;
      stream.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${line}\x1b[K`);
      if (finished && progress.phase === "write") stream.write("\n");
      return;
    }
    const decile = progress.total ? Math.floor((10 * progress.done) / progress.total) : 10;
    if (decile > lastDecile || finished || now() - lastLineAt >= LOG_EVERY_MS) {
      lastDecile = decile;
      lastLineAt = now();
      stream.write(`${line}\n`);
    }
  };
}
