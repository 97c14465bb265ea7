/**
 * Which papers a search may return. Every field is optional and all that are given must hold:
 * a year bound leaves out papers without a year, a category list papers without any of them.
 */
export interface PaperFilter {
  /** Earliest year, inclusive. */
  yearFrom?: number;
  /** Latest year, inclusive. */
  yearTo?: number;
  /** A paper passes when it has at least one of these categories (exact, case-sensitive). */
  categories?: readonly string[];
}

/**
 * True when the filter leaves every paper in (absent, or nothing set).
 *
 * @example
 * isUnfiltered({}); // true
 * isUnfiltered({ yearFrom: 2020 }); // false
 */
export function isUnfiltered(filter: PaperFilter | undefined): boolean {
  return (
    filter === undefined ||
    (filter.yearFrom === undefined &&
      filter.yearTo === undefined &&
      (filter.categories === undefined || filter.categories.length === 0))
  );
}
