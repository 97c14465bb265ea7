import { env, type FeatureExtractionPipeline, LogLevel, pipeline } from "@huggingface/transformers";
import { createPaperPass } from "./embed-papers.ts";
import { createTextPass } from "./embed-texts.ts";
import { createModelPass } from "./model-pass.ts";
import { folderPooling } from "./model-pooling.ts";
import {
  howToProvideModel,
  type ModelDtype,
  missingModelFiles,
  modelSource,
} from "./model-source.ts";
import { ModelUnavailableError } from "./model-unavailable-error.ts";
import type { Embedder, EmbedderStats } from "./types.ts";

export interface LoadEmbedderOptions {
  /** A hub id (e.g. `Xenova/all-MiniLM-L6-v2`) or a path to a local model folder. */
  model: string;
  /** Forbid any download: load from the folder or the cache only. */
  offline?: boolean;
  /** Where hub models are cached after their first download. */
  cacheDir: string;
  /** Texts per model call (rows per call for `embedPapers`). */
  batchSize?: number;
  /**
   * Which encoder runs: `fp32` or the int8 `q8` (`onnx/model_quantized.onnx`). When not given,
   * `preferredDtype` runs if the model has that encoder, and `fp32` otherwise.
   */
  dtype?: ModelDtype;
  /**
   * The encoder to run when `dtype` is not given (an existing index's own, so that its questions
   * are embedded as its papers were). Default `q8`: on every labelled split it answers within one
   * question of float32 (bench/eval-report.md), and faster (bench/report.md).
   */
  preferredDtype?: ModelDtype;
  /**
   * onnxruntime's intra-op threads. Unset, it runs one a core and binds each to its core,
   * overriding the process's own CPU affinity, so that processes pinned to different cores
   * still meet on all of them.
   */
  modelThreads?: number;
}

/** The encoder that runs when none is asked for and no index says which. */
export const DEFAULT_DTYPE: ModelDtype = "q8";

/**
 * onnxruntime's threads spin between operations by default, holding a core while they wait. On
 * a machine with few cores that is the core the server's own work (HTTP, ranking, snippets) and
 * other requests need: with 2 cores, 16 concurrent searches answered 14% faster at the median
 * without spinning, and on one busy core a question embedded twice as fast; indexing speed was
 * unchanged (bench, real all-MiniLM-L6-v2).
 */
const SESSION_OPTIONS = { extra: { session: { intra_op: { allow_spinning: "0" } } } };

/** The session options of a model run on `threads` threads (onnxruntime's choice when unset). */
const sessionOptions = (threads?: number) =>
  threads === undefined ? SESSION_OPTIONS : { ...SESSION_OPTIONS, intraOpNumThreads: threads };

/**
 * Loads a sentence-transformer's tokenizer and model as transformers.js' feature-extraction
 * pipeline does, and embeds with them as the pipeline would (mean pooling, or CLS where a
 * folder's `1_Pooling/config.json` says so; L2 normalisation; cut to the window as
 * sentence-transformers cuts), pooling in `createModelPass`. Throws
 * `ModelUnavailableError` with a how-to-fix message when the model is missing or cannot be
 * downloaded.
 *
 * @example
 * const embedder = await loadEmbedder({ model: "Xenova/all-MiniLM-L6-v2", cacheDir: ".cache/models" });
 * const [vector] = await embedder.embed(["graph neural networks"]);
 */
export async function loadEmbedder(options: LoadEmbedderOptions): Promise<Embedder> {
  if (options.dtype) return loadEncoder(options, options.dtype);
  const preferred = options.preferredDtype ?? DEFAULT_DTYPE;
  if (preferred === "fp32") return loadEncoder(options, "fp32");
  const source = modelSource(options.model, options.cacheDir);
  if (source.kind === "folder") {
    const hasIt = missingModelFiles(source.path, preferred).length === 0;
    return loadEncoder(options, hasIt ? preferred : "fp32");
  }
  // A hub model may not ship the int8 encoder, or only the float32 one may be cached.
  try {
    return await loadEncoder(options, preferred);
  } catch (error) {
    if (!(error instanceof ModelUnavailableError)) throw error;
    return loadEncoder(options, "fp32");
  }
}

async function loadEncoder(options: LoadEmbedderOptions, dtype: ModelDtype): Promise<Embedder> {
  const offline = options.offline ?? false;
  const batchSize = options.batchSize ?? 32;
  const source = modelSource(options.model, options.cacheDir);
  if (source.kind === "folder" && missingModelFiles(source.path, dtype).length > 0) {
    throw new ModelUnavailableError(howToProvideModel(source, offline, dtype), options.model);
  }
  env.logLevel = LogLevel.ERROR;
  env.allowRemoteModels = !offline && source.kind === "hub";
  if (source.kind === "hub") env.cacheDir = source.cacheDir;

  let extractor: FeatureExtractionPipeline;
  try {
    extractor = await pipeline(
      "feature-extraction",
      source.kind === "folder" ? source.path : source.id,
      {
        dtype,
        local_files_only: !env.allowRemoteModels,
        session_options: sessionOptions(options.modelThreads),
      },
    );
  } catch (error) {
    throw new ModelUnavailableError(howToProvideModel(source, offline, dtype), options.model, {
      cause: error,
    });
  }

  const config = extractor.model.config as unknown as {
    hidden_size?: number;
    max_position_embeddings?: number;
  };
  const dims = config.hidden_size;
  if (!dims)
    throw new ModelUnavailableError(
      `${options.model}: config.json has no hidden_size`,
      options.model,
    );
  const tokenizer = extractor.tokenizer;
  const maxTokens = Math.min(
    Number(tokenizer.model_max_length) || Number.POSITIVE_INFINITY,
    config.max_position_embeddings ?? Number.POSITIVE_INFINITY,
  );
  const stats: EmbedderStats = { calls: 0, texts: 0, truncated: 0 };
  // A folder written by `paperchat model import` may pool by [CLS] (BGE); hub models pool by mean.
  const pooling = source.kind === "folder" ? folderPooling(source.path) : "mean";
  const pass = createModelPass({
    tokenizer,
    model: extractor.model,
    maxTokens,
    batchSize,
    stats,
    pooling,
  });

  return {
    modelId: source.kind === "folder" ? source.path : source.id,
    dtype,
    dims,
    maxTokens,
    stats,
    embed: createTextPass(pass),
    embedPapers: createPaperPass(pass),
    countTokens(texts) {
      return texts.map((text) => Math.min(tokenizer.encode(text).length, maxTokens));
    },
  };
}
