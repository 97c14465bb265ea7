/**
 * The indexing section's reference: the model alone embedding a build's chunks.
 *
 *   node --import tsx scripts/bench/model-alone-process.ts MODEL_DIR CHUNKS_JSON [fp32|q8]
 */
import { readFileSync } from "node:fs";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import type { ModelDtype } from "../../src/embed/model-source.ts";
import type { PaperToEmbed } from "../../src/embed/types.ts";
import { resolveSettings } from "../../src/settings/settings.ts";

const [model, chunksFile, dtype = "fp32"] = process.argv.slice(2);
if (!model || !chunksFile) throw new Error("usage: model-alone-process.ts MODEL_DIR CHUNKS_JSON");
const chunks = JSON.parse(readFileSync(chunksFile, "utf8")) as PaperToEmbed[][];
const started = performance.now();
const settings = resolveSettings(process.env, { model, offline: true, dtype: dtype as ModelDtype });
const embedder = await loadEmbedder(settings);
const loaded = performance.now();
for (const chunk of chunks) await embedder.embedPapers(chunk);
const embedMs = performance.now() - loaded;
process.stdout.write(JSON.stringify({ load_ms: loaded - started, embed_ms: embedMs }));
