import type { BenchContext, BenchSection } from "./bench-section.ts";
import { bundledIndexArgs } from "./bundled-index.ts";
import { absoluteFigure, comparedFigure, formatNumber } from "./figure.ts";
import { runPaperchat } from "./paperchat-cli.ts";
import { startServerProcess } from "./server-process.ts";
import { median } from "./stats.ts";

/** Start-ups measured; the median counts. */
const RUNS = 3;
/** How long the server idles after its first answer before its memory is read. */
const REST_MS = 2000;
const FIRST_QUESTION = "/api/search?q=graph%20neural%20networks%20for%20molecules&k=5";

/**
 * Start-up: time from spawning `node bin/paperchat.js start` (index already built) to the first
 * answered `/api/search`, and resident memory at rest, against a one-shot `paperchat embed` (the
 * same process start-up and model load, one embedding, exit).
 *
 * @example
 * const section = await runStartupBench(context);
 */
export async function runStartupBench(context: BenchContext): Promise<BenchSection> {
  const args = await bundledIndexArgs(context);
  const startMs: number[] = [];
  const rssMb: number[] = [];
  const oneShotMs: number[] = [];
  let startupLine = "";
  for (let run = 0; run < RUNS; run++) {
    context.log(`startup: paperchat start, run ${run + 1}/${RUNS}`);
    const server = await startServerProcess(context.repoRoot, {
      command: "start",
      args,
      readyPath: FIRST_QUESTION,
    });
    try {
      startMs.push(server.readyMs);
      await new Promise((resolve) => setTimeout(resolve, REST_MS));
      rssMb.push(server.rssMb());
      startupLine ||=
        server
          .output()
          .split("\n")
          .find((line) => line.trim()) ?? "";
    } finally {
      await server.stop();
    }
    context.log(`startup: paperchat embed (one-shot reference), run ${run + 1}/${RUNS}`);
    oneShotMs.push((await runPaperchat(context.repoRoot, ["embed", "one question", ...args])).ms);
  }
  const ms = median(startMs);
  const rss = median(rssMb);
  const oneShot = median(oneShotMs);
  return {
    key: "startup",
    title: "Start-up",
    figures: [
      comparedFigure({
        figure: "Start-up: spawn to first answered `/api/search`",
        value: `${formatNumber(ms)} ms`,
        reference: `${formatNumber(oneShot)} ms one-shot \`paperchat embed\``,
        ratio: ms / oneShot,
      }),
      absoluteFigure({
        figure: "Start-up: resident memory at rest",
        value: `${formatNumber(rss)} MiB`,
      }),
    ],
    json: {
      ms,
      rss_mb: rss,
      one_shot_embed_ms: oneShot,
      runs_ms: startMs,
      rss_runs_mb: rssMb,
      one_shot_runs_ms: oneShotMs,
      startup_line: startupLine,
    },
    notes: [
      `\`node bin/paperchat.js start --corpus data/trending-papers.txt --model M --offline --index-dir D --port P\` with an index that is already current (so \`start\` checks and reuses it), timed from spawn to the first 200 from \`GET ${FIRST_QUESTION}\` (polled every 20 ms); median of ${RUNS}. \`npm start\` runs the same command through npm, which adds npm's own start-up. Resident memory is \`VmRSS\` of the server process, read ${REST_MS / 1000} s after its first answer.`,
      'The reference is a one-shot `node bin/paperchat.js embed "one question" --model M --offline`: the same Node/tsx start-up and model load, one embedding, exit. The difference is what serving adds (reading the index, the HTTP server).',
    ],
  };
}
