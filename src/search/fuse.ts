/** One ranked list to fuse: documents best first, and how much this list counts. */
export interface WeightedRanking<Doc> {
  docs: readonly Doc[];
  weight: number;
}

/** A fused result: a document and its fused score in (0, 1]. */
export interface FusedHit<Doc> {
  doc: Doc;
  score: number;
}

/** RRF's damping constant: 60 is the value from Cormack et al. and works without tuning. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: each list adds weight / (RRF_K + rank) to a document. Scores are
 * divided by the best possible total, so a document ranked first everywhere scores 1.
 * Ties put the smaller document (number or id) first, so results are deterministic.
 *
 * @example
 * fuseRankings([{ docs: [3, 1], weight: 1 }, { docs: [1, 2], weight: 1 }], 2);
 * // [{ doc: 1, score: … }, { doc: 3, score: … }]
 */
export function fuseRankings<Doc>(
  rankings: readonly WeightedRanking<Doc>[],
  limit: number,
): FusedHit<Doc>[] {
  const scores = new Map<Doc, number>();
  let best = 0;
  for (const { docs, weight } of rankings) {
    if (docs.length === 0) continue;
    best += weight / (RRF_K + 1);
    docs.forEach((doc, rank) => {
      scores.set(doc, (scores.get(doc) ?? 0) + weight / (RRF_K + rank + 1));
    });
  }
  return [...scores]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([doc, score]) => ({ doc, score: score / best }));
}
