// The indexing benchmark's reference, as a process of its own: nothing but transformers.js'
// feature-extraction pipeline embedding the batches it is given, in order. Plain JavaScript run
// by plain `node` (no tsx, no paperchat code), so that the reference pays only what any program
// embedding these texts must pay: starting Node, importing transformers.js, loading the model.
//
//   node scripts/bench/raw-embed-process.mjs MODEL_DIR BATCHES_JSON
//
// Prints {"import_ms", "load_ms", "embed_ms"} (import_ms counts from the process's start).
import { readFileSync } from "node:fs";

const [modelDir, batchesFile] = process.argv.slice(2);
const batches = JSON.parse(readFileSync(batchesFile, "utf8"));
const { env, LogLevel, pipeline } = await import("@huggingface/transformers");
const imported = performance.now();
env.logLevel = LogLevel.ERROR;
env.allowRemoteModels = false;
const extractor = await pipeline("feature-extraction", modelDir, {
  dtype: "fp32",
  local_files_only: true,
});
const loaded = performance.now();
for (const batch of batches) await extractor(batch, { pooling: "mean", normalize: true });
const embedded = performance.now();
process.stdout.write(
  JSON.stringify({ import_ms: imported, load_ms: loaded - imported, embed_ms: embedded - loaded }),
);
