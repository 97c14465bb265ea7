import type { WeightFill } from "./bert-graph.ts";
import { ModelImportError } from "./model-import-error.ts";
import type { SafetensorsFile } from "./safetensors.ts";

// Embedding tables are stored [rows, hidden], as the graph uses them; every other matrix is a
// PyTorch Linear weight, stored [out, in], which the graph's MatMul needs as [in, out].
const EMBEDDING_TABLE = /_embeddings\.weight$/;

/** The names a weight may have in a checkpoint: bare (BertModel) or under `bert.`, and the old LayerNorm gamma/beta. */
function candidateNames(name: string): string[] {
  const legacy = name
    .replace(/LayerNorm\.weight$/, "LayerNorm.gamma")
    .replace(/LayerNorm\.bias$/, "LayerNorm.beta");
  return [...new Set([name, legacy])].flatMap((base) => [base, `bert.${base}`]);
}

function transpose(values: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) out[c * rows + r] = values[r * columns + c]!;
  }
  return out;
}

/**
 * Supplies the ONNX BERT writer with a checkpoint's weights (Hugging Face BertModel names),
 * transposing Linear weights to [in, out]. Throws `ModelImportError` naming a missing or
 * mis-shaped tensor.
 *
 * @example
 * const model = bertEncoderModel(dims, checkpointWeightFill(readSafetensors("model.safetensors")));
 */
export function checkpointWeightFill(file: SafetensorsFile, source = "the checkpoint"): WeightFill {
  return (name, dims) => {
    const stored = candidateNames(name).find((candidate) => file.shapeOf(candidate));
    if (!stored)
      throw new ModelImportError(
        `${source} has no weight "${name}" (nor "bert.${name}"); is it a BERT encoder?`,
      );
    const { shape, values } = file.floatTensor(stored);
    const isLinear = dims.length === 2 && !EMBEDDING_TABLE.test(name);
    const expected = isLinear ? [dims[1]!, dims[0]!] : dims;
    if (shape.join("x") !== expected.join("x"))
      throw new ModelImportError(
        `${source}: weight "${stored}" has shape [${shape}], config.json implies [${expected}]`,
      );
    return isLinear ? transpose(values, shape[0]!, shape[1]!) : values;
  };
}
