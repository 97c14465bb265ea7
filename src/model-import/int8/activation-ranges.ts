import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AutoModel, AutoTokenizer, env, LogLevel, type Tensor } from "@huggingface/transformers";
import type { OnnxModel } from "../onnx/onnx-model.ts";
import { encodeOnnxModel } from "../onnx/onnx-model.ts";
import { type FolderFile, writeFolderAtomically } from "../write-folder-atomically.ts";

/** Calibration texts per model call. */
const BATCH_SIZE = 8;

export type ActivationRangesOptions = {
  /** The float32 encoder; each activation to measure must be a value in its graph. */
  model: OnnxModel;
  /** The activations to measure, with their channel counts (the last dimension). */
  activations: ReadonlyMap<string, number>;
  /** config.json, tokenizer.json and tokenizer_config.json of the model folder. */
  files: FolderFile[];
  /** The texts to run, each cut at `maxTokens`. */
  texts: readonly string[];
  maxTokens: number;
};

/**
 * Runs the float32 encoder over calibration texts (through transformers.js and onnxruntime,
 * as paperchat runs models) and returns, for each named activation, the largest |value| each
 * channel reached over every token of every text.
 *
 * @example
 * const ranges = await activationRanges({ model, activations: new Map([["/embeddings/LayerNorm/LayerNormalization_output_0", 384]]), files, texts, maxTokens: 256 });
 */
export async function activationRanges(
  options: ActivationRangesOptions,
): Promise<Map<string, Float32Array>> {
  const outputs = [...options.activations].map(([name, channels]) => ({
    name,
    elementType: "float32" as const,
    dims: ["batch_size", "sequence_length", channels],
  }));
  const probe: OnnxModel = {
    ...options.model,
    graph: { ...options.model.graph, outputs: [...options.model.graph.outputs, ...outputs] },
  };
  const folder = join(mkdtempSync(join(tmpdir(), "paperchat-calibration-")), "model");
  const logLevel = env.logLevel;
  try {
    writeFolderAtomically(folder, [
      ...options.files,
      { path: "onnx/model.onnx", bytes: encodeOnnxModel(probe) },
    ]);
    env.logLevel = LogLevel.ERROR;
    const tokenizer = await AutoTokenizer.from_pretrained(folder, { local_files_only: true });
    const model = await AutoModel.from_pretrained(folder, {
      dtype: "fp32",
      local_files_only: true,
    });
    const ranges = new Map(
      [...options.activations].map(([name, channels]) => [name, new Float32Array(channels)]),
    );
    try {
      const byLength = [...options.texts].sort((a, b) => a.length - b.length);
      for (let start = 0; start < byLength.length; start += BATCH_SIZE) {
        const batch = byLength.slice(start, start + BATCH_SIZE);
        const inputs = tokenizer(batch, {
          padding: true,
          truncation: true,
          max_length: options.maxTokens,
        });
        const result: Record<string, Tensor> = await model(inputs);
        // Padding tokens are left out: their states are not the text's.
        const mask = inputs.attention_mask.data as BigInt64Array;
        for (const [name, range] of ranges) {
          const values = result[name]!.data as Float32Array;
          for (let token = 0; token < mask.length; token++) {
            if (mask[token] === 0n) continue;
            for (let channel = 0, i = token * range.length; channel < range.length; channel++, i++)
              range[channel] = Math.max(range[channel]!, Math.abs(values[i]!));
          }
        }
      }
    } finally {
      await model.dispose();
    }
    return ranges;
  } finally {
    env.logLevel = logLevel;
    rmSync(join(folder, ".."), { recursive: true, force: true });
  }
}
