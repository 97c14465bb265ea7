export { DEFAULT_MODEL, type LoadEmbedderOptions, loadEmbedder } from "./load-embedder.ts";
export { howToProvideModel, MODEL_FILES, type ModelSource, modelSource } from "./model-source.ts";
export { ModelUnavailableError } from "./model-unavailable-error.ts";
export { type BatchPlan, batchesByLength, planBatches } from "./plan-batches.ts";
export type { Embedder, EmbedderStats, PaperEmbedding, PaperToEmbed } from "./types.ts";
