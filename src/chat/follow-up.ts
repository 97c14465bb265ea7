export interface RetrievalQueryOptions {
  /** Longest query returned; older turns are dropped first. */
  maxChars?: number;
  /** How many earlier user turns a chain of follow-ups may reach back. */
  maxTurns?: number;
}

/** Follow-ups of this many words or fewer ("fastest?", "and for images?") always fold. */
const TINY_FOLLOW_UP_WORDS = 3;
/** Longer questions fold only when they refer back, and only up to this many words. */
const SHORT_FOLLOW_UP_WORDS = 12;

/** Words and openings that point back at the previous answer ("which of those…", "what about…"). */
const REFERS_BACK = [
  /\b(those|these|they|them|their|it|its|this|above|previous|former|latter|ones|same|both|either|neither|others)\b/i,
  /\b(which|that|the other|the first|the second|the last) one\b/i,
  /\b(tell me more|more about|any more|anything else|what else)\b/i,
  /^(and|but|or|also|what about|how about|only|compare)\b/i,
];

const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Whether a question reads as a follow-up to the previous one rather than a new question:
 * a very short question, or a short one that refers back ("which of those is fastest?").
 *
 * @example
 * isFollowUp("which of those is fastest?"); // true
 * isFollowUp("papers about sparse bayesian neural networks"); // false
 */
export function isFollowUp(question: string): boolean {
  const count = words(question).length;
  if (count <= TINY_FOLLOW_UP_WORDS) return true;
  return count <= SHORT_FOLLOW_UP_WORDS && REFERS_BACK.some((pattern) => pattern.test(question));
}

/**
 * The user turns the last turn depends on, oldest first: just the last turn, or, when it is a
 * follow-up, the turns it refers back to as well (a chain of follow-ups reaches back up to
 * `maxTurns` turns; older turns are dropped first to stay within `maxChars`).
 *
 * @example
 * followUpChain(["graph networks", "object detection with feature pyramids", "which of those is fastest?"]);
 * // ["object detection with feature pyramids", "which of those is fastest?"]
 */
export function followUpChain(
  userTurns: readonly string[],
  options: RetrievalQueryOptions = {},
): string[] {
  const maxChars = options.maxChars ?? 4000;
  const maxTurns = options.maxTurns ?? 3;
  const last = userTurns.length - 1;
  let first = last;
  while (first > 0 && last - first < maxTurns - 1 && isFollowUp(userTurns[first]!)) first -= 1;
  let turns = userTurns.slice(Math.max(first, 0));
  while (turns.length > 1 && turns.join(" ").length > maxChars) turns = turns.slice(1);
  return turns;
}

/**
 * The text to retrieve papers with for the last user turn: its follow-up chain joined, so that
 * "which of those is fastest?" still searches for what "those" were.
 *
 * @example
 * retrievalQuery(["object detection with feature pyramids", "which of those is fastest?"]);
 * // "object detection with feature pyramids which of those is fastest?"
 */
export function retrievalQuery(
  userTurns: readonly string[],
  options: RetrievalQueryOptions = {},
): string {
  return followUpChain(userTurns, options).join(" ");
}
