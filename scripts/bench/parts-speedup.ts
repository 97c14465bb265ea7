import { open, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { paperchatArgs, runOnCore } from "./processes.ts";

export interface PartsSpeedupOptions {
  repoRoot: string;
  /** The cluster the workers write to. */
  clusterUrl: string;
  modelDir: string;
  /** The corpus whose first `papers` lines the workers index. */
  corpusFile: string;
  papers: number;
  workDir: string;
}

export interface PartsSpeedup {
  papers: number;
  /** Build seconds (`index --json`'s `seconds`) of one worker writing every part. */
  oneWorkerS: number;
  /** The slower of the two workers' build seconds, run at once. */
  twoWorkersS: number;
  /** Wall seconds, process start to exit (model load included), of each way. */
  oneWorkerWallS: number;
  twoWorkersWallS: number;
  speedup: number;
}

/** The first `papers` lines of a JSONL corpus, written to `file`. */
async function headOf(corpusFile: string, papers: number, file: string): Promise<void> {
  const handle = await open(corpusFile);
  const lines: string[] = [];
  for await (const line of handle.readLines()) {
    lines.push(line);
    if (lines.length >= papers) break;
  }
  await handle.close();
  await writeFile(file, `${lines.join("\n")}\n`);
}

/**
 * Model-bound indexing spread over workers: `paperchat index --store URL --part 1/1` pinned to
 * core 0, then `--part 1/2` and `--part 2/2` at once, pinned to cores 0 and 1, the model each
 * worker loads confined to its core; the speedup is the one worker's build time over the slower
 * of the two.
 *
 * @example
 * const parts = await measurePartsSpeedup({ repoRoot, clusterUrl, modelDir, corpusFile, papers: 400, workDir });
 */
export async function measurePartsSpeedup(options: PartsSpeedupOptions): Promise<PartsSpeedup> {
  const corpus = join(options.workDir, `parts-${options.papers}.jsonl`);
  await headOf(options.corpusFile, options.papers, corpus);
  const worker = (core: number, prefix: string, part: string) =>
    runOnCore(
      options.repoRoot,
      core,
      paperchatArgs(options.repoRoot, [
        "index",
        ...["--store", options.clusterUrl, "--store-prefix", prefix],
        ...["--corpus", corpus, "--part", part, "--model", options.modelDir],
        ...["--offline", "--json"],
      ]),
    ).then(({ stdout, ms }) => ({
      seconds: (JSON.parse(stdout) as { seconds: number }).seconds,
      ms,
    }));
  const one = await worker(0, "parts-one", "1/1");
  const twoStarted = performance.now();
  const two = await Promise.all([worker(0, "parts-two", "1/2"), worker(1, "parts-two", "2/2")]);
  const twoWorkersWallS = (performance.now() - twoStarted) / 1000;
  const twoWorkersS = Math.max(...two.map((w) => w.seconds));
  // The two-worker build is never published, and its index has no replica: gone, it cannot
  // leave the cluster red when a node dies later.
  for (const prefix of ["parts-one", "parts-two"]) {
    await fetch(`${options.clusterUrl}/${prefix}-*?expand_wildcards=all`, { method: "DELETE" });
  }
  return {
    papers: options.papers,
    oneWorkerS: one.seconds,
    twoWorkersS,
    oneWorkerWallS: one.ms / 1000,
    twoWorkersWallS,
    speedup: one.seconds / twoWorkersS,
  };
}
