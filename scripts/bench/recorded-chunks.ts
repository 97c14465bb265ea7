import { mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import type { Embedder, PaperToEmbed } from "../../src/embed/types.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";

/**
 * The `embedPapers` calls `paperchat index` makes for a corpus, in order: `buildIndex` runs with
 * a stand-in embedder that records the papers of every call (title, abstract, sentence offsets)
 * and returns constant unit vectors, so nothing is embedded. Embedding exactly these chunks is
 * the model's own share of a build.
 *
 * @example
 * const chunks = await recordedChunks(["/tmp/corpus.jsonl"], "/tmp/work");
 */
export async function recordedChunks(
  corpusFiles: string[],
  workDir: string,
): Promise<PaperToEmbed[][]> {
  const chunks: PaperToEmbed[][] = [];
  const unit = new Float32Array(8);
  unit[0] = 1;
  const recorder: Embedder = {
    modelId: "chunk-recorder",
    dtype: "fp32",
    dims: unit.length,
    maxTokens: 512,
    stats: { calls: 0, texts: 0, truncated: 0 },
    embed: async (texts) => texts.map(() => unit),
    async embedPapers(papers) {
      chunks.push(papers.map(({ title, abstract, sentences }) => ({ title, abstract, sentences })));
      return papers.map((paper) => ({ paper: unit, sentences: paper.sentences.map(() => unit) }));
    },
    countTokens: (texts) => texts.map(() => 0),
  };
  // A fresh folder: an earlier recording's embedding cache would leave nothing to embed.
  const indexDir = await mkdtemp(join(workDir, "chunk-recorder-"));
  await buildIndex({ corpusFiles, indexDir, embedder: recorder });
  return chunks;
}
