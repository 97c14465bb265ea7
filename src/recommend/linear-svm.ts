import { dotProduct } from "../store/dot-product.ts";

export interface LinearSvmOptions {
  /** Inverse regularization strength, as LinearSVC's `C` (default 1). */
  c?: number;
  /** Most passes over the examples (default 100; a few dozen reach the tolerance). */
  maxPasses?: number;
  /** Stop when the projected gradient's spread falls below this (default 0.1, LIBLINEAR's). */
  tolerance?: number;
}

/** A trained linear classifier: `weights · x + bias` > 0 on the positive side. */
export interface LinearModel {
  weights: Float32Array;
  bias: number;
}

/**
 * Trains a linear SVM (squared hinge loss, L2 regularization, bias as a constant feature, class
 * weights balanced), as scikit-learn's `LinearSVC(class_weight="balanced")` does and as
 * arxiv-sanity-lite uses it, by dual coordinate descent (Hsieh et al., 2008, LIBLINEAR's
 * solver): each pass costs one inner product per example, and visiting the examples in a new
 * order each pass, as LIBLINEAR does, converges in a few dozen. The orders are seeded: the same
 * examples always give the same model.
 *
 * @example
 * const model = trainLinearSvm([paperA, paperB, paperC], sampledOthers);
 * decisionValue(model, candidate); // > 0: on the collection's side
 */
export function trainLinearSvm(
  positives: readonly Float32Array[],
  negatives: readonly Float32Array[],
  options: LinearSvmOptions = {},
): LinearModel {
  const c = options.c ?? 1;
  const maxPasses = options.maxPasses ?? 100;
  const tolerance = options.tolerance ?? 0.1;
  const examples = [...positives, ...negatives];
  const dims = examples[0]?.length ?? 0;
  const weights = new Float32Array(dims);
  let bias = 0;
  const n = examples.length;
  // Balanced: each class weighs n / 2 in total, whatever its size.
  const diagonal = examples.map((_, i) => {
    const classSize = i < positives.length ? positives.length : negatives.length;
    return 1 / (2 * ((c * n) / (2 * classSize)));
  });
  const squaredNorms = examples.map((x, i) => dotProduct(x, x) + 1 + diagonal[i]!);
  const alpha = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  let state = 0x9e3779b9;
  // Shrinking, as LIBLINEAR: an example at alpha = 0 whose gradient is beyond the last pass's
  // largest is left out of the next passes (most sampled negatives, far from the boundary),
  // until the rest converge; then every example is checked once more.
  let active = n;
  let largestBefore = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < maxPasses; pass++) {
    let largest = Number.NEGATIVE_INFINITY;
    let smallest = Number.POSITIVE_INFINITY;
    // A new order each pass (Fisher-Yates, by a seeded linear congruential generator).
    for (let j = active - 1; j > 0; j--) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      const k = state % (j + 1);
      const swapped = order[j]!;
      order[j] = order[k]!;
      order[k] = swapped;
    }
    for (let s = 0; s < active; s++) {
      const i = order[s]!;
      const x = examples[i]!;
      const y = i < positives.length ? 1 : -1;
      const gradient = y * (dotProduct(weights, x) + bias) - 1 + diagonal[i]! * alpha[i]!;
      if (alpha[i] === 0 && gradient > largestBefore) {
        active--;
        order[s] = order[active]!;
        order[active] = i;
        s--;
        continue;
      }
      const projected = alpha[i] === 0 ? Math.min(gradient, 0) : gradient;
      largest = Math.max(largest, projected);
      smallest = Math.min(smallest, projected);
      if (projected === 0) continue;
      const next = Math.max(alpha[i]! - gradient / squaredNorms[i]!, 0);
      const step = (next - alpha[i]!) * y;
      alpha[i] = next;
      for (let d = 0; d < dims; d++) weights[d] = weights[d]! + step * x[d]!;
      bias += step;
    }
    if (largest - smallest < tolerance) {
      if (active === n) break;
      active = n;
      largestBefore = Number.POSITIVE_INFINITY;
      continue;
    }
    largestBefore = largest <= 0 ? Number.POSITIVE_INFINITY : largest;
  }
  return { weights, bias };
}

/**
 * Where a vector falls relative to the model's hyperplane: positive on the positive side,
 * larger further in.
 *
 * @example
 * decisionValue(model, vector); // 0.42
 */
export function decisionValue(model: LinearModel, vector: Float32Array): number {
  return dotProduct(model.weights, vector) + model.bias;
}
