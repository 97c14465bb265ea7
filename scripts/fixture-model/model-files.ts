import { bertEncoderModel } from "../../src/model-import/bert-graph.ts";
import { encodeOnnxModel } from "../../src/model-import/onnx/onnx-model.ts";
import { weightFill } from "./bert-weights.ts";
import type { FixtureSpec } from "./fixture-specs.ts";
import { tokenizerConfig, tokenizerJson } from "./tokenizer-files.ts";
import { buildVocabulary, corpusCharacters, wordsByFrequency } from "./vocabulary.ts";

/** One file of a model folder, relative path and contents. */
export type ModelFile = { path: string; bytes: Uint8Array };

/** Bytes kept free under `maxFolderBytes` for the generator's stamp file. */
const STAMP_ALLOWANCE = 4096;
const textEncoder = new TextEncoder();

const jsonFile = (path: string, value: unknown): ModelFile => ({
  path,
  bytes: textEncoder.encode(`${JSON.stringify(value, null, 2)}\n`),
});

// The total size of a set of files, in bytes.
const totalBytes = (files: ModelFile[]): number =>
  files.reduce((sum, file) => sum + file.bytes.byteLength, 0);

/**
 * The files of a model folder for a spec and vocabulary: `config.json`, `tokenizer.json`,
 * `tokenizer_config.json`, `onnx/model.onnx`. Pure: the same input gives the same bytes.
 *
 * @example
 * modelFilesFor(TINY_BERT, buildVocabulary({ characters: ["a"], words: [] }));
 */
export function modelFilesFor(spec: FixtureSpec, vocabulary: string[]): ModelFile[] {
  const dimensions = { ...spec.dimensions, vocabSize: vocabulary.length };
  const config = {
    architectures: ["BertModel"],
    model_type: "bert",
    hidden_size: dimensions.hiddenSize,
    num_hidden_layers: dimensions.numLayers,
    num_attention_heads: dimensions.numHeads,
    intermediate_size: dimensions.intermediateSize,
    max_position_embeddings: dimensions.maxPositions,
    vocab_size: dimensions.vocabSize,
    type_vocab_size: dimensions.typeVocabSize,
    layer_norm_eps: dimensions.layerNormEps,
    hidden_act: "gelu",
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    initializer_range: 0.02,
    position_embedding_type: "absolute",
    pad_token_id: 0,
  };
  const model = bertEncoderModel(dimensions, weightFill(spec.weights, spec.seed));
  return [
    jsonFile("config.json", config),
    jsonFile("tokenizer.json", tokenizerJson(vocabulary)),
    jsonFile("tokenizer_config.json", tokenizerConfig(spec.modelMaxLength)),
    { path: "onnx/model.onnx", bytes: encodeOnnxModel(model) },
  ];
}

/**
 * The model files for a spec, with a vocabulary drawn from the corpus: for a size budget, the
 * most frequent words that fit (found by bisection on the real file sizes); for a fixed size,
 * every word, padded with `[unusedN]`.
 *
 * @example
 * const files = fixtureModelFiles(TINY_BERT, readFileSync("data/trending-papers.txt", "utf8"));
 */
export function fixtureModelFiles(spec: FixtureSpec, corpusText: string): ModelFile[] {
  const characters = corpusCharacters(corpusText);
  const words = wordsByFrequency(corpusText);
  const withWords = (count: number, padToSize?: number) =>
    modelFilesFor(spec, buildVocabulary({ characters, words: words.slice(0, count), padToSize }));

  if ("size" in spec.vocabulary) return withWords(words.length, spec.vocabulary.size);

  const budget = spec.vocabulary.maxFolderBytes - STAMP_ALLOWANCE;
  const fits = (count: number) => totalBytes(withWords(count)) <= budget;
  if (!fits(0)) throw new Error(`${spec.name} does not fit in ${budget} bytes even without words`);
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return withWords(low);
}
