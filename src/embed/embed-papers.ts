import { type PreTrainedModel, type PreTrainedTokenizer, Tensor } from "@huggingface/transformers";
import type { Pooling } from "./model-pooling.ts";
import { createWindowTokenizer, type PassWindow, paperWindows } from "./paper-windows.ts";
import { batchesByLength } from "./plan-batches.ts";
import { poolSpans } from "./pool-spans.ts";
import type { EmbedderStats, PaperEmbedding, PaperToEmbed } from "./types.ts";

export interface PaperPassOptions {
  /** The feature-extraction pipeline's tokenizer and model (`extractor.tokenizer`, `extractor.model`). */
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  /** The model's window in tokens, special tokens included. */
  maxTokens: number;
  /** Rows per model call. */
  batchSize: number;
  /** The embedder's counters, updated per model call. */
  stats: EmbedderStats;
  /** How the paper vector is pooled: over all its tokens (`mean`), or its [CLS] token (`cls`). */
  pooling?: Pooling;
}

/**
 * Makes `Embedder.embedPapers`: lays out every paper's rows (`paperWindows`), runs them through
 * the model in batches of similar length (padded, with the attention mask, as the pipeline
 * does), and mean-pools each span of the output (`poolSpans`). All offsets are checked before
 * the first model call, so bad input embeds nothing.
 *
 * @example
 * const embedPapers = createPaperPass({ tokenizer: extractor.tokenizer, model: extractor.model, maxTokens: 512, batchSize: 32, stats });
 * const [{ paper, sentences }] = await embedPapers([{ title, abstract, sentences: [[0, 42]] }]);
 */
export function createPaperPass(
  options: PaperPassOptions,
): (papers: readonly PaperToEmbed[]) => Promise<PaperEmbedding[]> {
  const { tokenizer, model, maxTokens, batchSize, stats } = options;
  const windowTokenizer = createWindowTokenizer(tokenizer, maxTokens);
  const padId = BigInt(tokenizer.pad_token_id ?? 0);

  async function runBatch(rows: readonly PassWindow[], vectors: Float32Array[]): Promise<void> {
    const seqLength = Math.max(...rows.map((row) => row.ids.length));
    const ids = new BigInt64Array(rows.length * seqLength).fill(padId);
    const mask = new BigInt64Array(rows.length * seqLength);
    rows.forEach((row, r) => {
      row.ids.forEach((id, position) => {
        ids[r * seqLength + position] = BigInt(id);
        mask[r * seqLength + position] = 1n;
      });
    });
    const dims = [rows.length, seqLength];
    const output = await model({
      input_ids: new Tensor("int64", ids, dims),
      attention_mask: new Tensor("int64", mask, dims),
    });
    const hidden: Tensor = output.last_hidden_state ?? output.logits ?? output.token_embeddings;
    const [, outLength, hiddenSize] = hidden.dims as number[];
    if (outLength !== seqLength || !hiddenSize) {
      throw new Error(`The model returned hidden states of shape [${hidden.dims}], not per token.`);
    }
    rows.forEach((row, r) => {
      poolSpans(
        { data: hidden.data as Float32Array, row: r, seqLength, dims: hiddenSize },
        row.spans,
        vectors,
      );
    });
    stats.calls += 1;
    stats.texts += rows.length;
  }

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
    const vectors: Float32Array[] = new Array(slots);
    const lengths = windows.map((window) => window.ids.length);
    for (const batch of batchesByLength(lengths, batchSize)) {
      await runBatch(
        batch.map((i) => windows[i]!),
        vectors,
      );
    }
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
