/**
 * A question about what is wrong: why something fails or is hard, its limits, weaknesses or
 * problems. Abstracts state these in the context that leads up to the contribution.
 */
const ASKS_PROBLEM =
  /\bwhy\b|\bwhat(['’]s| is| are)? (wrong|the (problem|issue|limitation|weakness|drawback|catch)s?)\b|\bgoes wrong\b|\b(limitations?|weakness(es)?|drawbacks?|downsides?|disadvantages?|shortcomings?|pitfalls?) (of|with|in)\b|\bproblems? with\b|\bfail(s|ing)?\b|\bstruggles?\b|\bbadly\b|\bbreaks? down\b|\bcan['’]?t\b|\bcannot\b/i;

/** A question that asks for the remedy as well ("… and how can that be fixed?"). */
const ASKS_REMEDY =
  /\band how\b|\bhow (can|could|do|does|to|should)\b.*\b(fix|fixed|solve|solved|overcome|address|avoid)/i;

/**
 * Longer than this, the text is a pasted abstract or draft, which says many things, not a
 * question (the longest labelled question has 27 words).
 */
const QUESTION_WORDS = 40;

/**
 * Whether a question asks what is wrong with something (and not also how to fix it): its answer
 * is the problem an abstract states before its contribution, so snippets then neither reward
 * the contribution nor hold the context back (see `snippetScores`). Never for a pasted
 * abstract. Once per search, on the question's text.
 *
 * @example
 * asksAboutProblem("why do GCN recommenders train slowly at scale?"); // true
 * asksAboutProblem("why are hypernetworks unstable, and how can that be fixed?"); // false
 * asksAboutProblem("how can I make graph convolution simpler?"); // false
 */
export function asksAboutProblem(question: string): boolean {
  if (question.split(/\s+/, QUESTION_WORDS + 1).length > QUESTION_WORDS) return false;
  return ASKS_PROBLEM.test(question) && !ASKS_REMEDY.test(question);
}
