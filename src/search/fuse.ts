/** One ranked list to fuse: document indices best first, and how much this list counts. */
export interface WeightedRanking {
  docs: readonly number[];
  weight: number;
}

/** A fused result: document index and its fused score in (0, 1]. */
export interface FusedHit {
  doc: number;
  score: number;
}

/** RRF's damping constant: 60 is the value from Cormack et al. and works without tuning. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: each list adds weight / (RRF_K + rank) to a document. Scores are
 * divided by the best possible total, so a document ranked first everywhere scores 1.
 * Ties keep the lower document index first, so results are deterministic.
 *
 * @example
 * fuseRankings([{ docs: [3, 1], weight: 1 }, { docs: [1, 2], weight: 1 }], 2);
 * // [{ doc: 1, score: … }, { doc: 3, score: … }]
 */
export function fuseRankings(rankings: readonly WeightedRanking[], limit: number): FusedHit[] {
  const scores = new Map<number, number>();
  let best = 0;
  for (const { docs, weight } of rankings) {
    if (docs.length === 0) continue;
    best += weight / (RRF_K + 1);
    docs.forEach((doc, rank) => {
      scores.set(doc, (scores.get(doc) ?? 0) + weight / (RRF_K + rank + 1));
    });
  }
  return [...scores]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([doc, score]) => ({ doc, score: score / best }));
}
