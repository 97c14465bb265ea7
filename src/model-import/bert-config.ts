import type { BertDimensions } from "./bert-graph.ts";
import { ModelImportError } from "./model-import-error.ts";

/** The `config.json` fields of a Hugging Face BERT checkpoint that shape the encoder. */
export type BertConfig = {
  model_type?: string;
  vocab_size?: number;
  hidden_size?: number;
  num_hidden_layers?: number;
  num_attention_heads?: number;
  intermediate_size?: number;
  max_position_embeddings?: number;
  type_vocab_size?: number;
  layer_norm_eps?: number;
  hidden_act?: string;
  position_embedding_type?: string;
};

/** What `paperchat model import` accepts, for refusal messages. */
export const SUPPORTED_CHECKPOINTS =
  'BERT-family sentence-transformers checkpoints (config.json "model_type": "bert", absolute positions, GELU), e.g. all-MiniLM-L6-v2, BAAI/bge-small-en-v1.5, intfloat/e5-small-v2';

/**
 * The encoder's shape from a checkpoint's `config.json`; refuses anything the ONNX BERT writer
 * cannot reproduce exactly (another architecture, relative positions, another activation).
 *
 * @example
 * bertDimensions({ model_type: "bert", hidden_size: 384, ... }).numLayers; // 6
 */
export function bertDimensions(config: BertConfig): BertDimensions {
  const refuse = (what: string): never => {
    throw new ModelImportError(`${what}. paperchat can import ${SUPPORTED_CHECKPOINTS}.`);
  };
  if (config.model_type !== "bert")
    refuse(`config.json says "model_type": ${JSON.stringify(config.model_type ?? null)}`);
  if ((config.position_embedding_type ?? "absolute") !== "absolute")
    refuse(`config.json says "position_embedding_type": "${config.position_embedding_type}"`);
  if ((config.hidden_act ?? "gelu") !== "gelu")
    refuse(`config.json says "hidden_act": "${config.hidden_act}" (only "gelu" is written)`);
  const size = (field: keyof BertConfig, fallback?: number): number => {
    const value = config[field] ?? fallback;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
      return refuse(`config.json has no valid "${field}"`);
    return value;
  };
  return {
    vocabSize: size("vocab_size"),
    hiddenSize: size("hidden_size"),
    numLayers: size("num_hidden_layers"),
    numHeads: size("num_attention_heads"),
    intermediateSize: size("intermediate_size"),
    maxPositions: size("max_position_embeddings"),
    typeVocabSize: size("type_vocab_size", 2),
    layerNormEps: config.layer_norm_eps ?? 1e-12,
  };
}
