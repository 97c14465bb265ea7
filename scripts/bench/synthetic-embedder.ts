import { createHash } from "node:crypto";
import { paperText } from "../../src/corpus/paper-text.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { percentile } from "./stats.ts";
import { syntheticUnitVectors } from "./synthetic-vectors.ts";

/** The model id a synthetic index records: it says plainly that no model made these vectors. */
export const SYNTHETIC_MODEL_ID = "synthetic-low-rank-384 (benchmark vector source, not a model)";

const DIMS = 384;

/** A deterministic low-rank unit vector, seeded by the text's hash. */
const vectorOf = (text: string) =>
  syntheticUnitVectors({
    count: 1,
    dims: DIMS,
    seed: createHash("sha256").update(text).digest().readUInt32LE(0),
    distribution: "low-rank",
  });

/**
 * A stand-in for the model where only storage and serving are measured: every text gets a
 * deterministic 384-d unit vector of low intrinsic dimension (`syntheticUnitVectors`' low-rank
 * distribution, seeded by the text's hash), as sentence embeddings have; a paper's sentences
 * get its own vector. It never runs a model and its modelId says so; it is only for the scale
 * section.
 *
 * @example
 * const [vector] = await createSyntheticEmbedder().embed(["a question"]);
 */
export function createSyntheticEmbedder(): Embedder {
  const stats = { calls: 0, texts: 0, truncated: 0 };
  return {
    modelId: SYNTHETIC_MODEL_ID,
    dtype: "fp32",
    dims: DIMS,
    maxTokens: 512,
    stats,
    async embed(texts) {
      stats.calls += 1;
      stats.texts += texts.length;
      return texts.map(vectorOf);
    },
    async embedPapers(papers) {
      stats.calls += 1;
      stats.texts += papers.length;
      return papers.map((paper) => {
        const vector = vectorOf(paperText(paper));
        return { paper: vector, sentences: paper.sentences.map(() => vector) };
      });
    },
    countTokens: (texts) => texts.map((text) => Math.min(512, text.split(" ").length + 2)),
  };
}

/**
 * The median time the synthetic vector source takes to embed one question, in ms: what a
 * section takes off a search's latency to give the latency beyond the embed.
 *
 * @example
 * const embedP50 = await syntheticEmbedP50(["graph neural networks", "diffusion models"]);
 */
export async function syntheticEmbedP50(questions: readonly string[]): Promise<number> {
  const embedder = createSyntheticEmbedder();
  const embedMs: number[] = [];
  for (const question of questions) {
    const started = performance.now();
    await embedder.embed([question]);
    embedMs.push(performance.now() - started);
  }
  return percentile(embedMs, 50);
}
