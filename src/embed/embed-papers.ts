import type { ModelPass } from "./model-pass.ts";
import { type PassWindow, paperWindows } from "./paper-windows.ts";
import type { PaperEmbedding, PaperToEmbed } from "./types.ts";

/**
 * Makes `Embedder.embedPapers`: lays out every paper's rows (`paperWindows`) and runs them
 * through the model, mean-pooling each span of the output (`createModelPass`). All offsets are checked before
 * the first model call, so bad input embeds nothing.
 *
 * @example
 * const embedPapers = createPaperPass(createModelPass({ tokenizer, model, maxTokens: 512, batchSize: 32, stats }));
 * const [{ paper, sentences }] = await embedPapers([{ title, abstract, sentences: [[0, 42]] }]);
 */
export function createPaperPass(
  pass: ModelPass,
): (papers: readonly PaperToEmbed[]) => Promise<PaperEmbedding[]> {
  const { windowTokenizer, stats } = pass;

  return async (papers) => {
    const windows: PassWindow[] = [];
    const firstSlots: number[] = [];
    let slots = 0;
    let truncated = 0;
    for (const paper of papers) {
      firstSlots.push(slots);
      const laid = paperWindows(paper, slots, windowTokenizer);
      // [CLS] pooling: the paper's vector is its first token's (sentences stay mean-pooled).
      if (pass.pooling === "cls") laid.windows[0]!.spans[0]!.to = 1;
      windows.push(...laid.windows);
      truncated += laid.truncated;
      slots += 1 + paper.sentences.length;
    }
    const vectors = await pass.run(windows, slots);
    stats.truncated += truncated;
    return papers.map((paper, i) => {
      const first = firstSlots[i]!;
      return {
        paper: vectors[first]!,
        sentences: paper.sentences.map((_, s) => vectors[first + 1 + s]!),
      };
    });
  };
}
