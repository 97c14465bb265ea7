import { createModelPass, type ModelPassOptions } from "./model-pass.ts";
import type { Pooling } from "./model-pooling.ts";
import { createWindowTokenizer, type PassWindow, paperWindows } from "./paper-windows.ts";
import type { PaperEmbedding, PaperToEmbed } from "./types.ts";

export interface PaperPassOptions extends ModelPassOptions {
  /** The model's window in tokens, special tokens included. */
  maxTokens: number;
  /** How the paper vector is pooled: over all its tokens (`mean`), or its [CLS] token (`cls`). */
  pooling?: Pooling;
}

/**
 * Makes `Embedder.embedPapers`: lays out every paper's rows (`paperWindows`) and runs them
 * through the model, mean-pooling each span of the output (`createModelPass`). All offsets are checked before
 * the first model call, so bad input embeds nothing.
 *
 * @example
 * const embedPapers = createPaperPass({ tokenizer: extractor.tokenizer, model: extractor.model, maxTokens: 512, batchSize: 32, stats });
 * const [{ paper, sentences }] = await embedPapers([{ title, abstract, sentences: [[0, 42]] }]);
 */
export function createPaperPass(
  options: PaperPassOptions,
): (papers: readonly PaperToEmbed[]) => Promise<PaperEmbedding[]> {
  const { tokenizer, maxTokens, stats } = options;
  const windowTokenizer = createWindowTokenizer(tokenizer, maxTokens);
  const run = createModelPass(options);

  return async (papers) => {
    const windows: PassWindow[] = [];
    const firstSlots: number[] = [];
    let slots = 0;
    let truncated = 0;
    for (const paper of papers) {
      firstSlots.push(slots);
      const laid = paperWindows(paper, slots, windowTokenizer);
      // [CLS] pooling: the paper's vector is its first token's (sentences stay mean-pooled).
      if (options.pooling === "cls") laid.windows[0]!.spans[0]!.to = 1;
      windows.push(...laid.windows);
      truncated += laid.truncated;
      slots += 1 + paper.sentences.length;
    }
    const vectors = await run(windows, slots);
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
