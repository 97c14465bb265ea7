/**
 * The filter fields of `/api/search`, `/api/chat` and `/api/papers/:id/similar`, as a request
 * gives them (the server's request schemas check them; see {@link filterBodyFields}).
 *
 * @example
 * const filter: FilterFields = { year_from: 2019, category: ["cs.LG"] };
 */
export interface FilterFields {
  /** Only papers from this year on (inclusive). */
  year_from?: number;
  /** Only papers up to this year (inclusive). */
  year_to?: number;
  /** Only papers in at least one of these categories. */
  category?: string[];
}
