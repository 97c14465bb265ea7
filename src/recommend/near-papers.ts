/** Most collection papers a recommendation names as the ones it is near. */
export const MAX_NEAR = 3;
/** Another collection paper is named too when its similarity is within this of the nearest's. */
const NEAR_MARGIN = 0.05;

/**
 * The collection papers a recommendation is closest to: the nearest, and up to `MAX_NEAR - 1`
 * more whose similarity is within `NEAR_MARGIN` of it, nearest first (ties: the order given).
 *
 * @example
 * nearPapers(["a", "b", "c"], [0.41, 0.62, 0.6]); // ["b", "c"]
 */
export function nearPapers<Key>(ids: readonly Key[], similarities: readonly number[]): Key[] {
  const best = Math.max(...similarities);
  const close: number[] = [];
  similarities.forEach((similarity, i) => {
    if (similarity >= best - NEAR_MARGIN) close.push(i);
  });
  return close
    .sort((a, b) => similarities[b]! - similarities[a]! || a - b)
    .slice(0, MAX_NEAR)
    .map((i) => ids[i]!);
}
