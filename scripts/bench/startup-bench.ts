import { bundledIndexArgs } from "./bundled-corpus.ts";
import { searchPath } from "./load-test.ts";
import { paperchatArgs, runTimed, startServer } from "./processes.ts";
import { type BenchContext, type BenchSection, formatNumber, ratioRow, row } from "./section.ts";
import { percentile } from "./stats.ts";

/** Start-ups measured; the median counts. */
const RUNS = 3;
/** How long the server idles after its first answer before its memory is read. */
const REST_MS = 2000;
const FIRST_QUESTION = searchPath("graph neural networks for molecules", 5);

/** Start-up: `paperchat start` to its first answer, and its memory, against a one-shot embed. */
export async function runStartupBench(context: BenchContext): Promise<BenchSection> {
  const { repoRoot } = context;
  const args = await bundledIndexArgs(context);
  const startMs: number[] = [];
  const rssMb: number[] = [];
  const oneShotMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    context.log(`startup: paperchat start and a one-shot paperchat embed, run ${run + 1}/${RUNS}`);
    const start = paperchatArgs(repoRoot, ["start", ...args]);
    const server = await startServer(repoRoot, start, FIRST_QUESTION);
    try {
      startMs.push(server.readyMs);
      await new Promise((resolve) => setTimeout(resolve, REST_MS));
      rssMb.push(server.rssMb());
    } finally {
      await server.stop();
    }
    const embed = paperchatArgs(repoRoot, ["embed", "one question", ...args]);
    oneShotMs.push((await runTimed(repoRoot, embed)).ms);
  }
  // RUNS is odd: the nearest-rank p50 is the median.
  const [ms, rss, oneShot] = [
    percentile(startMs, 50),
    percentile(rssMb, 50),
    percentile(oneShotMs, 50),
  ];
  return {
    key: "startup",
    title: "Start-up",
    figures: [
      ratioRow(
        "Start-up: spawn to first answered `/api/search`",
        `${formatNumber(ms)} ms`,
        `${formatNumber(oneShot)} ms one-shot \`paperchat embed\``,
        ms / oneShot,
      ),
      row("Start-up: resident memory at rest", `${formatNumber(rss)} MiB`),
    ],
    json: { ms, rss_mb: rss, one_shot_embed_ms: oneShot, runs_ms: startMs },
    notes: [
      `The bundled corpus's index, already current; median of ${RUNS} start-ups, memory read ${REST_MS / 1000} s after the first answer.`,
    ],
  };
}
