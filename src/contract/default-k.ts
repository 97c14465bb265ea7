/**
 * How many papers a search returns when the request does not say (`k` of `/api/search`,
 * `paperchat search`).
 */
export const DEFAULT_SEARCH_K = 10;

/**
 * How many similar papers a request gets when it does not say (`k` of
 * `/api/papers/:id/similar`, `paperchat similar`).
 */
export const DEFAULT_SIMILAR_K = 5;
