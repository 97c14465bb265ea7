import { env, type FeatureExtractionPipeline, LogLevel, pipeline } from "@huggingface/transformers";

/**
 * The reference every embedding figure is compared with: transformers.js' own
 * `pipeline('feature-extraction', dir, { dtype: 'fp32' })`, loaded from a local folder, with no
 * paperchat code around it.
 *
 * @example
 * const extractor = await loadRawPipeline("test/fixtures/models/paperchat-minilm-shape");
 */
export async function loadRawPipeline(modelDir: string): Promise<FeatureExtractionPipeline> {
  env.logLevel = LogLevel.ERROR;
  env.allowRemoteModels = false;
  return pipeline("feature-extraction", modelDir, { dtype: "fp32", local_files_only: true });
}

/**
 * Embeds `batches` one model call per batch (mean pooling, L2-normalised, as paperchat asks
 * for) and resolves to the milliseconds it took.
 *
 * @example
 * const ms = await timeBatches(extractor, [["a", "b"], ["c"]]);
 */
export async function timeBatches(
  extractor: FeatureExtractionPipeline,
  batches: readonly string[][],
): Promise<number> {
  const started = performance.now();
  for (const batch of batches) {
    const output = await extractor(batch, { pooling: "mean", normalize: true });
    if (output.data.length !== batch.length * (output.dims.at(-1) ?? 0)) {
      throw new Error(`the pipeline returned ${output.dims} for a batch of ${batch.length}`);
    }
  }
  return performance.now() - started;
}
