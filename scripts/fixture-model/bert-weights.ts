import type { WeightFill } from "../../src/model-import/bert-graph.ts";
import { gaussianSampler, seedFor } from "./seeded-random.ts";

/**
 * How weights are drawn. `bag-of-words` zeroes position and token-type embeddings and both
 * output projections (attention and feed-forward), so each layer reduces to LayerNorm(x) and a
 * token's output is its own N(0, 1) word vector, normalised. `random` draws every matrix from
 * N(0, std²), as a freshly initialised BERT.
 */
export type WeightScheme = { kind: "bag-of-words" } | { kind: "random"; std: number };

const ZEROED_FOR_BAG_OF_WORDS = /position_embeddings|token_type_embeddings|output\.dense/;

/**
 * The weight values for a scheme, deterministic per (seed, weight name). LayerNorm scales are
 * ones and biases zeros in both schemes.
 *
 * @example
 * const fill = weightFill({ kind: "random", std: 0.02 }, 7);
 * fill("encoder.layer.0.attention.self.query.weight", [384, 384]);
 */
export function weightFill(scheme: WeightScheme, seed: number): WeightFill {
  return (name, dims) => {
    const values = new Float32Array(dims.reduce((product, dim) => product * dim, 1));
    if (name.endsWith("LayerNorm.weight")) return values.fill(1);
    if (name.endsWith(".bias")) return values;
    if (scheme.kind === "bag-of-words" && ZEROED_FOR_BAG_OF_WORDS.test(name)) return values;
    const std = scheme.kind === "random" ? scheme.std : name.includes("word_embeddings") ? 1 : 0.02;
    const next = gaussianSampler(seedFor(seed, name));
    for (let i = 0; i < values.length; i++) values[i] = std * next();
    return values;
  };
}
