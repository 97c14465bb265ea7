import { existsSync } from "node:fs";
import { join } from "node:path";
import type { BenchContext } from "./bench-section.ts";
import { runPaperchat } from "./paperchat-cli.ts";

/** Where the bundled corpus's benchmark index lives (see `bundledIndexArgs`). */
export const bundledIndexDir = (context: BenchContext) => join(context.workDir, "bundled-index");

/**
 * The flags that point `paperchat` at the bundled corpus, the benchmark model and an index of
 * them in the scratch folder; builds that index (with `paperchat index`) the first time.
 *
 * @example
 * const args = await bundledIndexArgs(context); // ["--corpus", …, "--model", …, "--offline", "--index-dir", …]
 */
export async function bundledIndexArgs(context: BenchContext): Promise<string[]> {
  const indexDir = bundledIndexDir(context);
  const args = [
    "--corpus",
    join(context.repoRoot, "data/trending-papers.txt"),
    "--model",
    context.modelDir,
    "--offline",
    "--index-dir",
    indexDir,
  ];
  if (!existsSync(join(indexDir, "manifest.json"))) {
    context.log("building the bundled corpus's index with paperchat index");
    await runPaperchat(context.repoRoot, ["index", ...args]);
  }
  return args;
}
