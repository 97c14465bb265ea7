/**
 * What each sentence does in its abstract, found at index time and stored as one byte per
 * sentence of bit flags, so that snippets can prefer the sentences that answer without reading
 * any text at query time.
 */
export const SENTENCE_ROLE = {
  /** The abstract's first sentence. */
  first: 1,
  /** States what the paper contributes ("we propose …", "this paper introduces …"). */
  contribution: 2,
  /** Sets the scene: comes before the first contribution sentence. */
  context: 4,
  /** A link or "code is available" line. */
  boilerplate: 8,
} as const;

/**
 * Whether a sentence's role byte has a role.
 *
 * @example
 * hasRole(SENTENCE_ROLE.first | SENTENCE_ROLE.context, SENTENCE_ROLE.context); // true
 */
export function hasRole(roles: number, role: number): boolean {
  return (roles & role) !== 0;
}
