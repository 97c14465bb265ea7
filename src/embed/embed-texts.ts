import type { ModelPass } from "./model-pass.ts";
import { textWindow } from "./paper-windows.ts";
import { uniqueTexts } from "./plan-batches.ts";

/**
 * Makes `Embedder.embed`: each distinct text is one row, framed and cut to the window as
 * sentence-transformers cuts (`textWindow`), pooled over all its tokens (or its [CLS] token)
 * and L2-normalised, as the feature-extraction pipeline's `{ pooling, normalize: true }` does,
 * through the same model pass as `embedPapers` (`createModelPass`). Counts texts cut to the
 * window in `stats.truncated`.
 *
 * @example
 * const embed = createTextPass(createModelPass({ tokenizer, model, maxTokens: 256, batchSize: 32, stats }));
 * const [question] = await embed(["graph neural networks for recommendation"]);
 */
export function createTextPass(
  pass: ModelPass,
): (texts: readonly string[]) => Promise<Float32Array[]> {
  const { windowTokenizer, stats } = pass;

  return async (texts) => {
    const { unique, slotOf } = uniqueTexts(texts);
    let truncated = 0;
    const windows = unique.map((text, slot) => {
      const laid = textWindow(text, slot, windowTokenizer);
      if (pass.pooling === "cls") laid.window.spans[0]!.to = 1;
      truncated += laid.truncated;
      return laid.window;
    });
    const vectors = await pass.run(windows, unique.length);
    stats.truncated += truncated;
    return slotOf.map((slot) => vectors[slot]!);
  };
}
