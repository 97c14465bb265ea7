import { describe, expect, it } from "vitest";
import { decisionValue, trainLinearSvm } from "../../src/recommend/linear-svm.ts";
import { seededRandom } from "../reliability/support/seeded-random.ts";

/** A unit vector near `center` (dims 8), noise from a seeded generator. */
function near(center: number[], random: ReturnType<typeof seededRandom>, noise = 0.3) {
  const vector = center.map((value) => value + noise * (random.next() - 0.5));
  const norm = Math.hypot(...vector);
  return new Float32Array(vector.map((value) => value / norm));
}

describe("trainLinearSvm", () => {
  const random = seededRandom(7);
  const positiveCenter = [1, 1, 0, 0, 0, 0, 0, 0];
  const negativeCenter = [0, 0, 1, 1, 1, 0, 0, 0];
  const positives = Array.from({ length: 4 }, () => near(positiveCenter, random));
  const negatives = Array.from({ length: 200 }, () => near(negativeCenter, random, 1.5));

  it("puts few positives on one side of many negatives, as class weights balance them", () => {
    const model = trainLinearSvm(positives, negatives);
    for (const vector of positives) expect(decisionValue(model, vector)).toBeGreaterThan(0);
    const wrong = negatives.filter((vector) => decisionValue(model, vector) > 0);
    expect(wrong.length).toBeLessThan(negatives.length / 20);
    // Unseen papers like the positives score above unseen others.
    const unseen = near(positiveCenter, random);
    const other = near(negativeCenter, random);
    expect(decisionValue(model, unseen)).toBeGreaterThan(decisionValue(model, other));
  });

  it("gives the same model for the same examples", () => {
    const first = trainLinearSvm(positives, negatives);
    const second = trainLinearSvm(positives, negatives);
    expect(second.bias).toBe(first.bias);
    expect([...second.weights]).toEqual([...first.weights]);
  });
});
