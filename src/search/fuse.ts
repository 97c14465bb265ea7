import { minMax } from "./min-max.ts";

/** One ranked list to fuse: documents best first, their scores, and how much the list counts. */
export interface WeightedList<Doc> {
  docs: readonly Doc[];
  scores: readonly number[];
  weight: number;
}

/** A fused result: a document and its fused score in (0, 1]. */
export interface FusedHit<Doc> {
  doc: Doc;
  score: number;
}

/**
 * The score of a candidate that every list it is in ranks last: found, so above 0, and below
 * every candidate that any list ranks above its last.
 */
export const LEAST_FUSED_SCORE = 0.001;

/**
 * Convex fusion of normalised scores (Bruch et al., "An Analysis of Fusion Functions for Hybrid
 * Retrieval", 2023): each list's scores are min-max normalised over its own candidates (its
 * best 1, its last 0; all 1 when they are equal), and a document gets the weighted sum over the
 * lists, 0 from a list that does not hold it. Empty lists count for nothing. Scores are divided
 * by the weights of the lists that count and lifted into [LEAST_FUSED_SCORE, 1], so a document
 * first in every list scores 1; ties put the smaller document (number or id) first.
 *
 * @example
 * fuseScores([{ docs: [3, 1], scores: [0.9, 0.5], weight: 0.6 }, { docs: [1], scores: [7], weight: 0.4 }], 2);
 * // [{ doc: 3, score: 0.6004 }, { doc: 1, score: 0.4006 }]
 */
export function fuseScores<Doc>(
  lists: readonly WeightedList<Doc>[],
  limit: number,
): FusedHit<Doc>[] {
  const fused = new Map<Doc, number>();
  let total = 0;
  for (const { docs, scores, weight } of lists) {
    if (docs.length === 0) continue;
    total += weight;
    const normalised = minMax(scores, 1);
    docs.forEach((doc, i) => {
      fused.set(doc, (fused.get(doc) ?? 0) + weight * normalised[i]!);
    });
  }
  return [...fused]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([doc, score]) => ({
      doc,
      score: LEAST_FUSED_SCORE + ((1 - LEAST_FUSED_SCORE) * score) / total,
    }));
}
