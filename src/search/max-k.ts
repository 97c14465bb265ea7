/**
 * The most papers one request may ask for (`k`: search results, similar papers, chat sources),
 * on the command line and over HTTP alike.
 *
 * @example
 * if (k > MAX_K) throw new RangeError(`k must be at most ${MAX_K}`);
 */
export const MAX_K = 50;
