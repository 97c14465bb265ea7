/**
 * A question about what is wrong: why something fails, what its limits, weaknesses or problems
 * are, what it cannot do. Abstracts state these in the context that leads up to the
 * contribution.
 */
const ASKS_PROBLEM = new RegExp(
  [
    String.raw`\bwhy\b`,
    String.raw`\bwhat(['’]?s| is| are| was| were)? (wrong|the (problem|issue|limitation|weakness|drawback|catch)(s|es)?)\b`,
    String.raw`\bwhat\b[^?]*\b(can['’]?t|cannot)\b`,
    String.raw`\bgo(es)? wrong\b`,
    String.raw`\b(limitations?|weakness(es)?|drawbacks?|downsides?|disadvantages?|shortcomings?|pitfalls?)\b`,
    String.raw`\b(problems?|issues?) with\b`,
    String.raw`\bfail(s|ed|ing|ures?)?\b(?!-)`,
    String.raw`\bstruggles?\b`,
    String.raw`\bbadly\b`,
    String.raw`\bbreaks? down (when|on|with|for|at|in|under|beyond)\b`,
  ].join("|"),
  "i",
);

/** The verbs of a remedy: a question with one asks how to deal with the problem, too. */
const REMEDY_VERB = String.raw`\b(fix(es|ed|ing)?|solv(e|es|ed|ing)|resolv(e|es|ed|ing)|overcom(e|es|ing)|address(es|ed|ing)?|avoid(s|ed|ing)?|mitigat(e|es|ed|ing)|tackl(e|es|ed|ing)|alleviat(e|es|ed|ing)|prevent(s|ed|ing)?|handl(e|es|ed|ing)|recover(s|ed|ing)?|cope|coping)\b`;

/**
 * A question that asks for the remedy as well: "… and how can that be fixed?", "how do systems
 * recover when a worker fails?", "which methods overcome the drawbacks of BPR?".
 */
const ASKS_REMEDY = new RegExp(
  String.raw`\band how\b|(\bhow (can|could|do|does|did|to|should|would)\b|^\s*(which|what) (\w+ ){0,2}?(methods?|approach(es)?|models?|techniques?|papers?|works?|ways?|systems?)\b)[^?]*${REMEDY_VERB}`,
  "i",
);

/**
 * Longer than this, the text is a pasted abstract or draft, which says many things, not a
 * question (the longest labelled question has 27 words).
 */
const QUESTION_WORDS = 40;

/**
 * Whether a question asks what is wrong with something (and not also how to deal with it): its
 * answer is the problem an abstract states before its contribution, so snippets then neither
 * reward the contribution nor hold the context back (see `snippetScores`). Never for a pasted
 * abstract. Once per search, on the question as asked (in a chat, its last turn).
 *
 * @example
 * asksAboutProblem("why do GCN recommenders train slowly at scale?"); // true
 * asksAboutProblem("why are hypernetworks unstable, and how can that be fixed?"); // false
 * asksAboutProblem("how can I make graph convolution simpler?"); // false
 */
export function asksAboutProblem(question: string): boolean {
  if ((question.match(/\S+/g) ?? []).length > QUESTION_WORDS) return false;
  return ASKS_PROBLEM.test(question) && !ASKS_REMEDY.test(question);
}
