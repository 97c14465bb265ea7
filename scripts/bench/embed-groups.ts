import { mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { batchesByLength, uniqueTexts } from "../../src/embed/plan-batches.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { buildIndex, paperText } from "../../src/store/build-index.ts";

/**
 * The model batches `paperchat index` makes for a corpus, in order: `buildIndex` runs once
 * with a stand-in embedder that records the paper texts of every `embedPapers()` call (and
 * returns constant unit vectors, so nothing is embedded), and each call is planned into batches
 * as the embedder plans them (duplicates once, batches of similar length; by characters here,
 * as the recorder has no tokenizer, where the embedder counts tokens).
 * The raw-pipeline reference then embeds exactly these batches: the paper texts alone, which is
 * what one model pass per paper costs at the least.
 *
 * @example
 * const batches = await modelBatchesOfIndexing(["/tmp/corpus.jsonl"], { dims: 384, maxTokens: 512, batchSize: 32, workDir });
 */
export async function modelBatchesOfIndexing(
  corpusFiles: string[],
  options: { dims: number; maxTokens: number; batchSize: number; workDir: string },
): Promise<string[][]> {
  const calls: string[][] = [];
  const unit = new Float32Array(options.dims);
  unit[0] = 1;
  const recorder: Embedder = {
    modelId: "batch-recorder",
    dtype: "fp32",
    dims: options.dims,
    maxTokens: options.maxTokens,
    stats: { calls: 0, texts: 0, truncated: 0 },
    async embed(texts) {
      return texts.map(() => unit);
    },
    async embedPapers(papers) {
      calls.push(papers.map(paperText));
      return papers.map((paper) => ({ paper: unit, sentences: paper.sentences.map(() => unit) }));
    },
    countTokens: (texts) => texts.map(() => 0),
  };
  await buildIndex({
    corpusFiles,
    // A fresh folder: an earlier recording's embedding cache would leave nothing to embed.
    indexDir: await mkdtemp(join(options.workDir, "batch-recorder-")),
    embedder: recorder,
    force: true,
  });
  return calls.flatMap((texts) => {
    const { unique } = uniqueTexts(texts);
    const lengths = unique.map((text) => text.length);
    return batchesByLength(lengths, options.batchSize).map((batch) =>
      batch.map((slot) => unique[slot]!),
    );
  });
}
