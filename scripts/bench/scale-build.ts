/**
 * Child process of the scale benchmark: the real `buildIndex` over an arXiv-shaped corpus, with
 * the synthetic vector source in place of the model. Prints a JSON summary (with the process's
 * peak resident memory) on stdout, progress lines on stderr.
 *
 *   node --import tsx scripts/bench/scale-build.ts CORPUS INDEX_DIR
 */
import { createProgressBar } from "../../src/cli/progress-bar.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";
import { createSyntheticEmbedder } from "./synthetic-embedder.ts";

const [corpus, indexDir] = process.argv.slice(2);
if (!corpus || !indexDir) throw new Error("usage: scale-build.ts CORPUS INDEX_DIR");
const result = await buildIndex({
  corpusFiles: [corpus],
  indexDir,
  embedder: createSyntheticEmbedder(),
  onProgress: createProgressBar(process.stderr),
});
process.stdout.write(
  `${JSON.stringify({
    papers: result.papers,
    embedded: result.embedded,
    seconds: result.seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    manifest: result.manifest,
  })}\n`,
);
