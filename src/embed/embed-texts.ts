import { createModelPass, type ModelPassOptions } from "./model-pass.ts";
import type { Pooling } from "./model-pooling.ts";
import { createWindowTokenizer, textWindow } from "./paper-windows.ts";
import { uniqueTexts } from "./plan-batches.ts";

export interface TextPassOptions extends ModelPassOptions {
  /** The model's window in tokens, special tokens included. */
  maxTokens: number;
  /** Over all of a text's tokens (`mean`), or its [CLS] token (`cls`). */
  pooling?: Pooling;
}

/**
 * Makes `Embedder.embed`: each distinct text is one row, framed and cut to the window as
 * sentence-transformers cuts (`textWindow`), pooled over all its tokens (or its [CLS] token)
 * and L2-normalised, as the feature-extraction pipeline's `{ pooling, normalize: true }` does,
 * through the same model pass as `embedPapers` (`createModelPass`). Counts texts cut to the
 * window in `stats.truncated`.
 *
 * @example
 * const embed = createTextPass({ tokenizer: extractor.tokenizer, model: extractor.model, maxTokens: 256, batchSize: 32, stats });
 * const [question] = await embed(["graph neural networks for recommendation"]);
 */
export function createTextPass(
  options: TextPassOptions,
): (texts: readonly string[]) => Promise<Float32Array[]> {
  const { tokenizer, maxTokens, stats } = options;
  const windowTokenizer = createWindowTokenizer(tokenizer, maxTokens);
  const run = createModelPass(options);

  return async (texts) => {
    const { unique, slotOf } = uniqueTexts(texts);
    let truncated = 0;
    const windows = unique.map((text, slot) => {
      const laid = textWindow(text, slot, windowTokenizer);
      if (options.pooling === "cls") laid.window.spans[0]!.to = 1;
      truncated += laid.truncated;
      return laid.window;
    });
    const vectors = await run(windows, unique.length);
    stats.truncated += truncated;
    return slotOf.map((slot) => vectors[slot]!);
  };
}
